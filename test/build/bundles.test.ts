import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicyMeta } from '../../shared/security/csp';

const out = path.resolve(import.meta.dirname, '../../out');
const read = (file: string): string => {
  const full = path.join(out, file);
  if (!existsSync(full))
    throw new Error(`${full} is missing: run \`npm run build\` first (npm test does).`);
  return readFileSync(full, 'utf8');
};

describe('built preload', () => {
  const preload = read('preload/index.cjs');

  it("requires nothing but 'electron' (a sandboxed preload cannot load anything else)", () => {
    const requires = [...preload.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map(
      (m) => m[2],
    );
    expect(requires.length).toBeGreaterThan(0);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/\bimport\s*\(|\bimport\s+[\w{*]/);
    expect(preload).not.toMatch(/require\(\s*[^'"`\s)]/); // no computed requires
  });

  it('exposes window.clinician through contextBridge', () => {
    expect(preload).toMatch(/exposeInMainWorld\(\s*["']clinician["']/);
  });
});

describe('built renderer', () => {
  const html = read('renderer/index.html');

  it('carries the CSP as its first meta tag', () => {
    const match = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(match?.[1]?.replace(/&#39;/g, "'")).toBe(contentSecurityPolicyMeta);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('has no inline script', () => {
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [])
      expect(tag).toMatch(/\bsrc="/);
  });
});
