import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionGrant } from '../../shared/api';
import { loadOrCreateServerKeys } from '../../server/auth/keys';
import { issueAccessToken } from '../../server/auth/tokens';
import { useBackends } from './support/backends';
import { type TestServer, signIn, startTestServer } from './support/harness';

// Rotation with a lost response (the server half of issue 9, item 9): the client sent its
// refresh token, the server rotated it, the answer never arrived, the client retries with
// the same token. Within a short grace that is not theft: the same family carries on.

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

describe.each(useBackends())('refresh rotation on $name', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(async () => t?.close());

  const refresh = (refreshToken: string) => t.post('/auth/refresh', { refreshToken });
  const granted = async (refreshToken: string) => {
    const response = await refresh(refreshToken);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return SessionGrant.parse(response.body);
  };
  const liveTokens = async (familyOf: string) =>
    (
      await t.db.query<{ token_hash: string }>(
        `SELECT token_hash FROM refresh_tokens WHERE used_at IS NULL AND revoked_at IS NULL
            AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [hash(familyOf)],
      )
    ).map((r) => r.token_hash);

  it('answers a retry with the previous token within the grace with a working pair of the same family', async () => {
    const session = await signIn(t, t.account('Amelia Hart'));
    const first = session.grant.tokens.refreshToken;
    const lost = await granted(first); // the answer the client never saw
    const retry = await granted(first);
    expect(retry.deviceId).toBe(session.deviceId);
    expect(retry.tokens.refreshToken).not.toBe(lost.tokens.refreshToken);
    // Exactly one live token in the family: the one the client now holds.
    expect(await liveTokens(first)).toEqual([hash(retry.tokens.refreshToken)]);
    expect((await t.get('/me', { token: retry.tokens.accessToken })).status).toBe(200);
    // The response can be lost again: the same token still works within the grace.
    const again = await granted(first);
    // And the family carries on from what the client holds.
    const next = await granted(again.tokens.refreshToken);
    expect(await liveTokens(first)).toEqual([hash(next.tokens.refreshToken)]);
  });

  it('treats the replaced answer of a retry as reuse: someone else holds the family', async () => {
    const session = await signIn(t, t.account('Tom Reeve'));
    const first = session.grant.tokens.refreshToken;
    const lost = await granted(first);
    const retry = await granted(first);
    const stale = await refresh(lost.tokens.refreshToken);
    expect(stale.status).toBe(401);
    expect(stale.json.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(retry.tokens.refreshToken)).json.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('revokes the family when the previous token comes back after the grace', async () => {
    const session = await signIn(t, t.account('Priya Nair'));
    const first = session.grant.tokens.refreshToken;
    const second = await granted(first);
    await t.db.query(
      `UPDATE refresh_tokens SET used_at = used_at - interval '61 seconds' WHERE token_hash = $1`,
      [hash(first)],
    );
    const late = await refresh(first);
    expect(late.status).toBe(401);
    expect(late.json.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(second.tokens.refreshToken)).json.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('revokes the family when an older token than the previous one comes back, even at once', async () => {
    const session = await signIn(t, t.account('Rhys Ellis'));
    const first = session.grant.tokens.refreshToken;
    const second = await granted(first);
    const third = await granted(second.tokens.refreshToken);
    const old = await refresh(first);
    expect(old.status).toBe(401);
    expect(old.json.code).toBe('REFRESH_TOKEN_REUSED');
    expect((await refresh(third.tokens.refreshToken)).json.code).toBe('REFRESH_TOKEN_INVALID');
  });

  it('lets two concurrent refreshes with one token both succeed, leaving one live token', async () => {
    const session = await signIn(t, t.account('Dr Helen Marsh'));
    const first = session.grant.tokens.refreshToken;
    const answers = await Promise.all([refresh(first), refresh(first)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const live = await liveTokens(first);
    expect(live).toHaveLength(1);
    const issued = answers.map((a) => hash(SessionGrant.parse(a.body).tokens.refreshToken));
    expect(issued).toContain(live[0]);
  });

  it('answers an expired refresh token with REFRESH_TOKEN_EXPIRED, and an expired access token with TOKEN_EXPIRED', async () => {
    const session = await signIn(t, t.account('Dr Samuel Okafor'));
    await t.db.query(
      `UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
      [hash(session.grant.tokens.refreshToken)],
    );
    const expired = await refresh(session.grant.tokens.refreshToken);
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('REFRESH_TOKEN_EXPIRED');

    const keys = await loadOrCreateServerKeys(t.db);
    const old = await issueAccessToken(
      keys,
      { userId: session.userId, deviceId: session.deviceId },
      new Date(Date.now() - 3600_000),
    );
    expect((await t.get('/me', { token: old })).json.code).toBe('TOKEN_EXPIRED');
  });

  it('takes its grace from configuration: none means any second use is reuse', async () => {
    const strict = await startTestServer(backend, { refreshReuseGraceSeconds: 0 });
    try {
      const session = await signIn(strict, strict.account('Amelia Hart'));
      const first = session.grant.tokens.refreshToken;
      expect((await strict.post('/auth/refresh', { refreshToken: first })).status).toBe(200);
      expect((await strict.post('/auth/refresh', { refreshToken: first })).json.code).toBe(
        'REFRESH_TOKEN_REUSED',
      );
    } finally {
      await strict.close();
    }
  });
});
