import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionGrant } from '../../shared/api';
import { type Account, type CredentialVerdict, attemptSignIn } from '../../server/auth/signIn';
import {
  SIGN_IN_THROTTLE,
  type ThrottlePolicy,
  addressKey,
  delayAfter,
  forgetOldThrottleRows,
  throttleVerdict,
} from '../../server/auth/throttle';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { useBackends } from './support/backends';
import { type TestServer, deviceRegistration, startTestServer } from './support/harness';

// Item 2 of issue 9: sign-in is throttled per account and per address, with a delay that
// doubles up to a temporary lock; a throttled attempt is answered before any scrypt work.

const policy: ThrottlePolicy = {
  freeFailures: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 900,
  forgetAfterSeconds: 3600,
};
const now = new Date('2026-06-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('the sign-in throttle policy', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [6, 2],
    [9, 16],
    [14, 512],
    [15, 900],
    [40, 900],
  ])('after %i failures waits %i s', (failures, seconds) => {
    expect(delayAfter(failures, policy)).toBe(seconds);
  });

  it.each<[string, number | null, { failures: number; lastFailureAt: Date } | null]>([
    ['no record', null, null],
    ['four failures, just now', null, { failures: 4, lastFailureAt: now }],
    // A parallel attempt read the clock before this one, then waited for its lock while this
    // one recorded its claim: a free failure "later" than now costs no wait (it did: 429).
    [
      'one failure, 40 ms after this attempt read the clock',
      null,
      { failures: 1, lastFailureAt: new Date(now.getTime() + 40) },
    ],
    [
      'four failures, a moment "ahead"',
      null,
      { failures: 4, lastFailureAt: new Date(now.getTime() + 900) },
    ],
    ['five failures, just now', 1, { failures: 5, lastFailureAt: now }],
    ['five failures, a second ago', null, { failures: 5, lastFailureAt: ago(1) }],
    ['ten failures, ten seconds ago', 22, { failures: 10, lastFailureAt: ago(10) }],
    ['thirty failures, a minute ago: locked', 840, { failures: 30, lastFailureAt: ago(60) }],
    ['thirty failures, long forgotten', null, { failures: 30, lastFailureAt: ago(3601) }],
  ])('%s: wait %s s', (_, retryAfter, state) => {
    const verdict = throttleVerdict(state, now, policy);
    expect(verdict).toEqual(
      retryAfter === null ? { allowed: true } : { allowed: false, retryAfterSeconds: retryAfter },
    );
  });

  it('keys an address by itself (IPv4) or by its /64 (IPv6)', () => {
    expect(addressKey('203.0.113.9')).toBe('address:203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('address:203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002::ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });

  it('is stricter per account than per address (a shared office address)', () => {
    expect(SIGN_IN_THROTTLE.account.freeFailures).toBeLessThan(
      SIGN_IN_THROTTLE.address.freeFailures,
    );
  });
});

describe('a throttled sign-in attempt', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'pglite' });
    await migrate(db);
  });
  afterAll(async () => db?.close());

  it('is answered without checking the credentials (no scrypt work)', async () => {
    let checks = 0;
    const refusingCheck = async (): Promise<CredentialVerdict> => {
      checks += 1;
      return { kind: 'refused' };
    };
    const attempt = () =>
      attemptSignIn(
        { db, checkCredentials: refusingCheck },
        { email: 'someone@example.org', ip: '203.0.113.9' },
        null as Account | null,
        { password: 'guess', totp: '123456' },
      );
    for (let i = 0; i < SIGN_IN_THROTTLE.account.freeFailures; i++)
      expect(await attempt()).toEqual({ kind: 'refused' });
    expect(checks).toBe(SIGN_IN_THROTTLE.account.freeFailures);
    const throttled = await attempt();
    expect(throttled).toMatchObject({ kind: 'throttled' });
    expect(checks).toBe(SIGN_IN_THROTTLE.account.freeFailures);
  });
});

describe.each(useBackends())('sign-in throttling on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  const attempt = async (name: string, change: Record<string, string>, localAddress: string) => {
    const account = t.account(name);
    return t.post(
      '/auth/sign-in',
      {
        email: account.email,
        password: account.password,
        totp: await generate({ secret: account.totpSecret }),
        device: await deviceRegistration(),
        ...change,
      },
      { localAddress },
    );
  };
  const failuresOf = async (key: string) =>
    (
      await t.db.query<{ failures: number }>(
        'SELECT failures FROM sign_in_throttle WHERE key = $1',
        [key],
      )
    )[0]?.failures ?? 0;

  it('counts wrong passwords per account and per address, and locks the account with 429 and Retry-After, the right password included', async () => {
    const email = t.account('Amelia Hart').email;
    for (let i = 0; i < 3; i++)
      expect((await attempt('Amelia Hart', { password: 'wrong' }, '127.0.0.31')).status).toBe(401);
    expect(await failuresOf(`account:${email}`)).toBe(3);
    expect(await failuresOf('address:127.0.0.31')).toBe(3);

    // Arranged: ten failures just now (a delay of 32 s).
    await t.db.query(
      'UPDATE sign_in_throttle SET failures = 10, last_failure_at = now() WHERE key = $1',
      [`account:${email}`],
    );
    const locked = await attempt('Amelia Hart', {}, '127.0.0.32');
    expect(locked.status).toBe(429);
    expect(locked.json.code).toBe('RATE_LIMITED');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(32);
    // Refused attempts do not lengthen the lock.
    expect(await failuresOf(`account:${email}`)).toBe(10);

    // Once the delay has passed, the right credentials get in and the account's count resets.
    await t.db.query(
      `UPDATE sign_in_throttle SET last_failure_at = now() - interval '33 seconds' WHERE key = $1`,
      [`account:${email}`],
    );
    const inside = await attempt('Amelia Hart', {}, '127.0.0.32');
    expect(inside.status).toBe(200);
    SessionGrant.parse(inside.body);
    expect(await failuresOf(`account:${email}`)).toBe(0);
    expect(await failuresOf('address:127.0.0.32')).toBe(0);
  });

  it('throttles an address that sprays many accounts, and no other address', async () => {
    await t.db.query(
      `INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES ('address:127.0.0.33', 25, now())`,
    );
    const sprayed = await attempt('Tom Reeve', {}, '127.0.0.33');
    expect(sprayed.status).toBe(429);
    expect(Number(sprayed.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('Tom Reeve', {}, '127.0.0.34')).status).toBe(200);
  });

  it('throttles an email no account has exactly like one that exists', async () => {
    const unknown = 'nobody.here@northvale.example';
    const known = t.account('Priya Nair').email;
    for (const email of [unknown, known])
      await t.db.query(
        'INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES ($1, 10, now())',
        [`account:${email}`],
      );
    const answers = [];
    for (const email of [unknown, known]) {
      const response = await attempt('Priya Nair', { email, password: 'wrong' }, '127.0.0.35');
      const { serverTime: _, ...body } = response.json;
      answers.push({ status: response.status, body });
    }
    expect(answers[0]?.status).toBe(429);
    expect(answers[1]).toEqual(answers[0]);
  });

  it('forgets rows nobody needs any more', async () => {
    await t.db.query(
      `INSERT INTO sign_in_throttle (key, failures, last_failure_at) VALUES
         ('address:127.0.0.36', 3, now() - interval '2 hours'), ('address:127.0.0.37', 3, now())`,
    );
    await forgetOldThrottleRows(t.db);
    expect(await failuresOf('address:127.0.0.36')).toBe(0);
    expect(await failuresOf('address:127.0.0.37')).toBe(3);
  });
});
