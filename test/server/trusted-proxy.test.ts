import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../server';
import { trustProxyFromEnv } from '../../server/cli/env';
import { parseTrustedProxies } from '../../server/geo/trustedProxies';
import { useBackends } from './support/backends';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

// Item 4 of issue 9: X-Forwarded-For is believed only as far as listed proxies vouch for it:
// the client is the rightmost address no trusted proxy added (proxy-addr's walk), never the
// leftmost one anybody can write.

const run = promisify(execFile);
const GB = '127.0.0.23';
const US = '127.0.2.23';

describe('the trusted proxy setting', () => {
  it.each([
    ['true', /TRUST_PROXY=true.*list the proxies/i],
    ['1', /list the proxies/i],
    ['2', /list the proxies/i],
    ['proxy.internal', /not an IP address or CIDR: proxy\.internal/],
    ['10.0.0.0/33', /not an IP address or CIDR: 10\.0\.0\.0\/33/],
    ['0.0.0.0/0', /would trust every address/],
    ['::/0', /would trust every address/],
    ['10.0.0.1,,10.0.0.2', /empty entry/],
  ])('refuses TRUST_PROXY=%s with a clear error', (value, message) => {
    expect(() => trustProxyFromEnv({ TRUST_PROXY: value })).toThrow(message);
  });

  it('accepts a list of addresses and CIDRs, and is off by default', () => {
    expect(trustProxyFromEnv({})).toEqual([]);
    expect(trustProxyFromEnv({ TRUST_PROXY: 'false' })).toEqual([]);
    expect(trustProxyFromEnv({ TRUST_PROXY: ' 10.0.0.1 , 10.1.0.0/16,fd00::/8 ' })).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
    ]);
    expect(parseTrustedProxies(['127.0.0.1'])).toEqual(['127.0.0.1']);
  });

  it('is refused as `true` when the server is embedded too', async () => {
    await expect(
      startReferenceServer({ logger: false, trustedProxies: true as never }),
    ).rejects.toThrow(/list the proxies/);
  });

  it('stops `npm run server` at start-up with a clear error', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trust-proxy-'));
    const started = run(process.execPath, ['--import', 'tsx', 'server/cli/server.ts'], {
      env: { ...process.env, TRUST_PROXY: 'true', PORT: '0', DATABASE_URL: '', DATA_DIR: dataDir },
      timeout: 60_000,
    });
    await expect(started).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/TRUST_PROXY=true.*list the proxies/i),
    });
    rmSync(dataDir, { recursive: true, force: true });
  }, 90_000);
});

describe.each(useBackends())('X-Forwarded-For behind trusted proxies on $name', (backend) => {
  let t: TestServer;
  let session: Session;
  beforeAll(async () => {
    t = await startTestServer(backend, { trustedProxies: ['127.0.0.1', '127.0.5.0/24'] });
    session = await signIn(t, t.account('Amelia Hart'));
  });
  afterAll(async () => t?.close());

  const me = (forwardedFor: string, localAddress = '127.0.0.1') =>
    t.get('/me', {
      token: session.token,
      localAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('takes the address the proxy saw, not one the client wrote in front of it', async () => {
    // A US client claims to be GB; the proxy appends the address it really saw.
    const spoofed = await me(`${GB}, ${US}`);
    expect(spoofed.status).toBe(403);
    expect(spoofed.json).toMatchObject({ code: 'COUNTRY_NOT_APPROVED', country: 'US' });
    expect((await me(`${US}, ${GB}`)).status).toBe(200);
  });

  it('walks back through a chain of trusted proxies only', async () => {
    // client → proxy 127.0.5.9 → proxy 127.0.0.1 → server
    expect((await me(`${US}, ${GB}, 127.0.5.9`)).status).toBe(200);
    expect((await me(`${GB}, ${US}, 127.0.5.9`)).json.country).toBe('US');
  });

  it('ignores the header from an address that is not a trusted proxy', async () => {
    expect((await me(GB, US)).json.country).toBe('US');
  });
});
