import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAppProtocolHandler,
  resolveAppAsset,
} from '../../../electron/main/security/app-protocol';
import { contentSecurityPolicy } from '../../../shared/security/csp';

let sandbox: string;
let root: string;

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
  root = path.join(sandbox, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(sandbox, 'secret.txt'), 'patient list');
  symlinkSync(path.join(sandbox, 'secret.txt'), path.join(root, 'assets', 'escape.txt'));
  symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'assets', 'alias.js'));
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

describe('resolveAppAsset', () => {
  it('serves files inside the renderer root, index.html for /', async () => {
    expect(await resolveAppAsset(root, 'app://clinician/')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(await resolveAppAsset(root, 'app://clinician/assets/app.js')).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['plain ..', 'app://clinician/../secret.txt'],
    ['nested ..', 'app://clinician/assets/../../secret.txt'],
    ['encoded %2e%2e', 'app://clinician/%2e%2e/secret.txt'],
    ['encoded slash and dots', 'app://clinician/assets%2F..%2F..%2Fsecret.txt'],
    ['mixed-case encoding', 'app://clinician/%2E%2E/%2e%2E/secret.txt'],
    ['absolute path', 'app://clinician//etc/passwd'],
    ['encoded absolute path', 'app://clinician/%2Fetc%2Fpasswd'],
    ['backslashes', 'app://clinician/..%5C..%5Csecret.txt'],
    ['NUL byte', 'app://clinician/index.html%00.png'],
    ['malformed encoding', 'app://clinician/%E0%A4%A'],
    ['symlink out of the root', 'app://clinician/assets/escape.txt'],
    ['foreign host', 'app://evil/index.html'],
    ['other scheme', 'file:///etc/passwd'],
  ])('refuses %s', async (_name, url) => {
    const result = await resolveAppAsset(root, url);
    expect(result.ok).toBe(false);
  });

  it('never resolves anything outside the root', async () => {
    for (const url of [
      'app://clinician/../../../../etc/passwd',
      'app://clinician/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const result = await resolveAppAsset(root, url);
      if (result.ok) expect(result.file.startsWith(root)).toBe(true);
    }
  });

  it('follows a symlink that stays inside the root', async () => {
    expect(await resolveAppAsset(root, 'app://clinician/assets/alias.js')).toEqual({
      ok: true,
      file: path.join(root, 'assets', 'app.js'),
    });
  });

  it('answers 404 for a missing file and for a directory', async () => {
    expect(await resolveAppAsset(root, 'app://clinician/nope.js')).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await resolveAppAsset(root, 'app://clinician/assets')).toMatchObject({
      ok: false,
      status: 404,
    });
  });
});

describe('createAppProtocolHandler', () => {
  it('serves with the CSP header and nosniff', async () => {
    const response = await createAppProtocolHandler(root)(
      new Request('app://clinician/index.html'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses traversal and non-GET methods', async () => {
    const handler = createAppProtocolHandler(root);
    // The URL parser may fold %2e%2e itself (→ 404 inside the root) or leave it (→ 403): never 200.
    for (const url of ['app://clinician/%2e%2e/secret.txt', 'app://clinician/assets/escape.txt']) {
      const response = await handler(new Request(url));
      expect([403, 404]).toContain(response.status);
    }
    expect(
      (await handler(new Request('app://clinician/index.html', { method: 'POST', body: 'x' })))
        .status,
    ).toBe(405);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows no inline script, no eval and no remote origin', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-|https?:|\*/);
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("default-src 'none'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
  });
});
