import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/api';
import { MAX_JSON_DEPTH } from '../../server/http/jsonBody';
import { useBackends } from './support/backends';
import {
  type Session,
  type TestServer,
  deviceRegistration,
  signIn,
  startTestServer,
} from './support/harness';

// Item 5 of issue 9: a deeply nested JSON body (5,000 levels, sent by anybody) overflowed the
// stack of whatever walked it first: a 500. The depth is capped before anything walks it.

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const raw = (text: string) => ({ raw: text, headers: { 'content-type': 'application/json' } });

describe.each(useBackends())('JSON nesting depth on $name', (backend) => {
  let t: TestServer;
  let session: Session;
  beforeAll(async () => {
    t = await startTestServer(backend);
    session = await signIn(t, t.account('Priya Nair'));
  });
  afterAll(async () => t?.close());

  it.each([
    ['arrays 5,000 deep', nestedArrays(5_000)],
    ['objects 5,000 deep', nestedObjects(5_000)],
    ['arrays 200,000 deep', nestedArrays(200_000)],
    ['a body one level too deep', `{"email":${nestedArrays(MAX_JSON_DEPTH)}}`],
  ])('answers %s with 400 and a field error, on every route', async (_, body) => {
    for (const [path, token] of [
      ['/auth/sign-in', undefined],
      ['/auth/refresh', undefined],
      ['/auth/sign-out', session.token],
      ['/sync/push', session.token],
    ] as const) {
      const response = await t.post(path, undefined, { ...raw(body), ...(token ? { token } : {}) });
      expect(response.status, path).toBe(400);
      const error = ErrorBody.parse(response.body);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fieldErrors?.['(root)']?.[0]).toMatch(/nested deeper than \d+ levels/);
    }
  });

  it('lets a body at the limit through to its schema, and ignores brackets inside strings', async () => {
    const atLimit = await t.post(
      '/auth/sign-in',
      undefined,
      raw(`{"email":${nestedArrays(MAX_JSON_DEPTH - 1)}}`),
    );
    expect(atLimit.status).toBe(400);
    expect(Object.keys(ErrorBody.parse(atLimit.body).fieldErrors ?? {})).toContain('email');

    const account = t.account('Tom Reeve');
    const response = await t.post('/auth/sign-in', {
      email: account.email,
      password: `${'[{"'.repeat(60)}\\"]]`,
      totp: await generate({ secret: account.totpSecret }),
      device: await deviceRegistration(),
    });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe('INVALID_CREDENTIALS');
  });

  it('still refuses prototype poisoning after the depth check', async () => {
    const poisoned = await t.post(
      '/auth/refresh',
      undefined,
      raw(`{"refreshToken":"${'x'.repeat(40)}","__proto__":{"admin":true}}`),
    );
    expect(poisoned.status).toBe(400);
    expect(poisoned.json.code).toBe('VALIDATION_FAILED');
  });
});
