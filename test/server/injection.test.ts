import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { mutationsAgainst, recordsOf, userIdOf } from './support/fixtures';
import {
  type Session,
  type TestServer,
  deviceRegistration,
  signIn,
  startTestServer,
} from './support/harness';

const ATTACKS = [
  "'; DROP TABLE patients; --",
  "' OR '1'='1",
  '" OR ""="',
  '1); DELETE FROM messages WHERE (1=1',
  "$1'); UPDATE users SET role = 'admin'; --",
  '\\x27; TRUNCATE sync_feed; --',
  'Robert\u0000Tables',
  "é'; SELECT pg_sleep(5); --",
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/;

/** Every string leaf of a payload, by path. */
const stringPaths = (value: unknown, path: string[] = []): string[][] => {
  if (typeof value === 'string') return [path];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
};
const replaced = (value: unknown, path: string[], by: string): unknown => {
  const [head, ...rest] = path;
  if (head === undefined) return by;
  if (!value || typeof value !== 'object') return value;
  return {
    ...(value as Record<string, unknown>),
    [head]: replaced((value as Record<string, unknown>)[head], rest, by),
  };
};
const getAt = (value: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    value,
  );

describe.each(useBackends())('SQL injection on $name', (backend) => {
  let t: TestServer;
  let rhys: Session;
  let fingerprint: () => Promise<unknown>;
  beforeAll(async () => {
    t = await startTestServer(backend);
    rhys = await signIn(t, t.account('Rhys Ellis'));
    fingerprint = async () =>
      t.db
        .query(`SELECT (SELECT count(*)::int8 FROM patients) AS patients, (SELECT count(*)::int8 FROM users WHERE role = 'admin') AS admins,
                         (SELECT count(*)::int8 FROM sync_feed) >= 1000 AS feed, (SELECT count(*)::int8 FROM utterances) AS utterances`);
  });
  afterAll(async () => t?.close());

  it('stores attack strings in every free-text field verbatim and refuses them in typed fields', async () => {
    const before = await fingerprint();
    const records = await recordsOf(t.db, await userIdOf(t.db, t.account('Rhys Ellis').email));
    const statuses = new Set<number>();
    for (const template of mutationsAgainst(records)) {
      for (const path of stringPaths(template.payload)) {
        const original = getAt(template.payload, path);
        const idKey = Object.keys(template.payload)[0] ?? '';
        const attempt = (attack: string) => {
          // a fresh client id per attempt so each is a new record
          const payload = replaced(
            replaced(template.payload, [idKey], crypto.randomUUID()),
            path,
            attack,
          );
          return { ...template, payload } as never;
        };
        // One batch per field (NUL separately: it fails validation of the whole batch).
        for (const attacks of [
          ATTACKS.filter((a) => !a.includes('\u0000')),
          ATTACKS.filter((a) => a.includes('\u0000')),
        ]) {
          const response = await rhys.push(attacks.map(attempt));
          statuses.add(response.status);
          expect(response.status, `${template.kind}.${path.join('.')}`).toBeLessThan(500);
          if (
            response.status === 200 &&
            typeof original === 'string' &&
            UUID.test(original) &&
            path[0] !== idKey
          ) {
            expect(
              PushResponse.parse(response.body).results.every((r) => r.status === 'rejected'),
            ).toBe(true);
          }
        }
      }
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    expect(await fingerprint()).toEqual(before);
    const stored = await t.db.query<{ body: string }>('SELECT body FROM messages WHERE body = $1', [
      ATTACKS[0],
    ]);
    expect(stored).toHaveLength(1);
  });

  it('is harmless in sign-in fields, query parameters and headers', async () => {
    const before = await fingerprint();
    const account = t.account('Rhys Ellis');
    // A password is hashed, never interpolated; one attempt shows the path is safe.
    const wrongPassword = {
      email: account.email,
      password: ATTACKS[0],
      totp: '123456',
      device: await deviceRegistration(),
    };
    expect((await t.post('/auth/sign-in', wrongPassword)).status).toBe(401);
    for (const attack of ATTACKS) {
      for (const body of [
        {
          email: attack,
          password: account.password,
          totp: await generate({ secret: account.totpSecret }),
          device: await deviceRegistration(),
        },
        {
          email: account.email,
          password: account.password,
          totp: '123456',
          device: { ...(await deviceRegistration()), name: attack },
        },
      ]) {
        // 429 once the account's wrong attempts are throttled (sign-in-throttle.test.ts).
        expect([400, 401, 429]).toContain((await t.post('/auth/sign-in', body)).status);
      }
      const encoded = encodeURIComponent(attack);
      for (const path of [
        `/sync/pull?lane=${encoded}`,
        `/sync/pull?lane=core&after=${encoded}`,
        `/sync/pull?lane=core&limit=${encoded}`,
        `/sync/checksums?lane=${encoded}`,
      ]) {
        expect((await t.get(path, { token: rhys.token })).status).toBe(400);
      }
      expect([400, 401]).toContain(
        (await t.post('/auth/refresh', { refreshToken: attack.padEnd(40, 'x') })).status,
      );
      expect((await t.get('/me', { token: attack.replaceAll('\u0000', '') })).status).toBe(401);
    }
    expect(await fingerprint()).toEqual(before);
  });
});
