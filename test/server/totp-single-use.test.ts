import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../shared/api';
import { type Backend, useBackends } from './support/backends';
import { type TestServer, deviceRegistration, startTestServer } from './support/harness';

// Item 3 of issue 9: an authenticator code signs in once. The last accepted time step is kept
// per user in the database, so several API nodes on one PostgreSQL agree.

const STEP = 30;
/** The code of the time step `offset` steps from now. */
const codeAt = (account: DemoAccount, offset: number) =>
  generate({
    secret: account.totpSecret,
    epoch: (Math.floor(Date.now() / 1000 / STEP) + offset) * STEP + STEP / 2,
  });

const signInBody = async (account: DemoAccount, totp: string, password = account.password) => ({
  email: account.email,
  password,
  totp,
  device: await deviceRegistration(),
});

const backends = useBackends();

describe.each(backends)('single-use authenticator codes on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { demoMode: false });
  });
  afterAll(async () => t?.close());

  it('refuses a code that has signed in, and the codes of earlier steps; a later one works', async () => {
    const account = t.account('Amelia Hart');
    const now = await codeAt(account, 0);
    expect((await t.post('/auth/sign-in', await signInBody(account, now))).status).toBe(200);
    for (const replay of [now, await codeAt(account, -1)]) {
      const again = await t.post('/auth/sign-in', await signInBody(account, replay));
      expect(again.status).toBe(401);
      expect(again.json.code).toBe('INVALID_CREDENTIALS');
    }
    const next = await t.post('/auth/sign-in', await signInBody(account, await codeAt(account, 1)));
    expect(next.status).toBe(200);
  });

  it('does not spend a code on an attempt with the wrong password', async () => {
    const account = t.account('Tom Reeve');
    const code = await codeAt(account, 0);
    expect(
      (await t.post('/auth/sign-in', await signInBody(account, code, 'not the password'))).status,
    ).toBe(401);
    expect((await t.post('/auth/sign-in', await signInBody(account, code))).status).toBe(200);
  });

  it('lets one of two simultaneous sign-ins with one code through', async () => {
    const account = t.account('Priya Nair');
    const code = await codeAt(account, 0);
    const answers = await Promise.all([
      t.post('/auth/sign-in', await signInBody(account, code)),
      t.post('/auth/sign-in', await signInBody(account, code)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });
});

describe('authenticator codes in demo mode', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backends[0] as Backend);
  });
  afterAll(async () => t?.close());

  it('may be reused, since the demo publishes the secrets themselves', async () => {
    const account = t.account('Rhys Ellis');
    const code = await codeAt(account, 0);
    for (let i = 0; i < 2; i++)
      expect((await t.post('/auth/sign-in', await signInBody(account, code))).status).toBe(200);
  });
});

const postgres = backends.find((b) => b.name === 'postgres');

describe.skipIf(!postgres)('two API nodes on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const options = await (postgres as Backend).database();
    const same: Backend = {
      name: 'postgres',
      database: async () => options,
      emptyDatabase: async () => options,
    };
    a = await startTestServer(same, { demoMode: false });
    b = await startTestServer(same, { demoMode: false });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('agree that a code spent on one is spent on the other', async () => {
    const account = a.account('Dr Helen Marsh');
    const code = await codeAt(account, 0);
    expect((await a.post('/auth/sign-in', await signInBody(account, code))).status).toBe(200);
    const replay = await b.post('/auth/sign-in', await signInBody(account, code));
    expect(replay.status).toBe(401);
  });

  it('let one of two simultaneous sign-ins with one code through, one on each', async () => {
    const account = a.account('Dr Samuel Okafor');
    const code = await codeAt(account, 0);
    const answers = await Promise.all([
      a.post('/auth/sign-in', await signInBody(account, code)),
      b.post('/auth/sign-in', await signInBody(account, code)),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('agree on the sign-in throttle', async () => {
    const account = a.account('Rhys Ellis');
    for (let i = 0; i < 5; i++) {
      const node = i % 2 === 0 ? a : b;
      const wrong = await node.post('/auth/sign-in', await signInBody(account, '000000', 'wrong'));
      expect(wrong.status).toBe(401);
    }
    const [row] = await a.db.query<{ failures: number }>(
      'SELECT failures FROM sign_in_throttle WHERE key = $1',
      [`account:${account.email}`],
    );
    expect(row?.failures).toBe(5);
    // Arranged: five more, a moment ago; node b makes the caller wait.
    await a.db.query(
      `UPDATE sign_in_throttle SET failures = failures + 5, last_failure_at = now() WHERE key = $1`,
      [`account:${account.email}`],
    );
    const throttled = await b.post(
      '/auth/sign-in',
      await signInBody(account, await codeAt(account, 0)),
    );
    expect(throttled.status).toBe(429);
  });
});
