import type { Database, Queryable } from '../db/database';
import { hashToken, issueRefreshToken } from './tokens';

/** Why a refresh token died (refresh_tokens.revoked_reason). */
export type RevokedReason =
  'reused' | 'signed-out' | 'device-revoked' | 'account-disabled' | 'superseded';

export type RefreshRefusal =
  | 'REFRESH_TOKEN_INVALID'
  | 'REFRESH_TOKEN_REUSED'
  | 'REFRESH_TOKEN_EXPIRED'
  | 'DEVICE_REVOKED'
  | 'ACCOUNT_DISABLED';

/** What the server knows about a presented refresh token, its device and its user. */
export interface PresentedRefreshToken {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: RevokedReason | null;
  deviceRevokedAt: Date | null;
  deviceSignedOutAt: Date | null;
  userDisabledAt: Date | null;
  /** The token this one was rotated into is still live (unused, not revoked). */
  hasLiveChild: boolean;
}

export type RefreshDecision =
  | { kind: 'rotate' }
  /** The immediately previous token again, soon after: a lost response, not theft. */
  | { kind: 'reissue' }
  | { kind: 'refuse'; code: RefreshRefusal; revokeFamily: boolean };

export const DEFAULT_REUSE_GRACE_SECONDS = 60;

/**
 * The refresh policy. A revoked device is told so (the client wipes); a disabled account or an
 * expired token is told so (the client asks for a sign-in and keeps its work). A spent token
 * presented again means it leaked or a client replayed it, and the whole family dies, with one
 * exception (as supabase/auth's and Auth0's reuse interval, Ory Hydra's rotation grace
 * period): the immediately previous token, whose successor is still unused, within
 * `graceSeconds` of its rotation, is a retry after a lost response. It gets a fresh successor
 * and the unseen one is superseded; should that one turn up later, someone else holds the
 * family, and it dies.
 */
export const judgeRefresh = (
  token: PresentedRefreshToken,
  now: Date,
  graceSeconds: number,
): RefreshDecision => {
  const refuse = (code: RefreshRefusal, revokeFamily = false): RefreshDecision => ({
    kind: 'refuse',
    code,
    revokeFamily,
  });
  if (token.deviceRevokedAt) return refuse('DEVICE_REVOKED');
  if (token.userDisabledAt) return refuse('ACCOUNT_DISABLED');
  if (token.deviceSignedOutAt) return refuse('REFRESH_TOKEN_INVALID');
  if (token.revokedAt)
    return token.revokedReason === 'superseded'
      ? refuse('REFRESH_TOKEN_REUSED', true)
      : refuse('REFRESH_TOKEN_INVALID');
  if (token.usedAt) {
    const sinceRotation = now.getTime() - token.usedAt.getTime();
    return token.hasLiveChild && sinceRotation < graceSeconds * 1000
      ? { kind: 'reissue' }
      : refuse('REFRESH_TOKEN_REUSED', true);
  }
  if (token.expiresAt <= now) return refuse('REFRESH_TOKEN_EXPIRED');
  return { kind: 'rotate' };
};

interface TokenRow {
  token_hash: string;
  family_id: string;
  device_id: string;
  user_id: string;
  org_id: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  revoked_reason: RevokedReason | null;
  device_revoked_at: string | null;
  device_signed_out_at: string | null;
  user_disabled_at: string | null;
  has_live_child: boolean;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

const presented = (row: TokenRow): PresentedRefreshToken => ({
  expiresAt: new Date(row.expires_at),
  usedAt: date(row.used_at),
  revokedAt: date(row.revoked_at),
  revokedReason: row.revoked_reason,
  deviceRevokedAt: date(row.device_revoked_at),
  deviceSignedOutAt: date(row.device_signed_out_at),
  userDisabledAt: date(row.user_disabled_at),
  hasLiveChild: row.has_live_child,
});

export interface RefreshOwner {
  userId: string;
  orgId: string;
  deviceId: string;
}

export type RefreshOutcome<G> =
  | { kind: 'granted'; owner: RefreshOwner; gate: G; refreshToken: string; expiresAt: Date }
  | { kind: 'refused'; code: RefreshRefusal }
  | { kind: 'gate-refused'; gate: G };

/**
 * One transaction: lock the presented token, judge it, run `gate` (the country gate) for an
 * acceptable one, and only then spend it and store its successor, so a refused country does
 * not spend the client's token and the new token is stored before anyone can be told it.
 */
export const refreshSession = async <G>(
  db: Database,
  token: string,
  policy: { graceSeconds: number },
  gate: (tx: Queryable, owner: RefreshOwner) => Promise<{ pass: boolean; value: G }>,
  now = new Date(),
): Promise<RefreshOutcome<G>> =>
  db.transaction(async (tx): Promise<RefreshOutcome<G>> => {
    // Lock first, read after: under READ COMMITTED the read then sees whatever a concurrent
    // refresh of the same token committed while we waited (its successor included).
    const locked = await tx.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE', [
      hashToken(token),
    ]);
    if (locked.length === 0) return { kind: 'refused', code: 'REFRESH_TOKEN_INVALID' };
    const [row] = await tx.query<TokenRow>(
      `SELECT t.token_hash, t.family_id, t.device_id, t.user_id, u.org_id, t.expires_at, t.used_at, t.revoked_at,
              t.revoked_reason, d.revoked_at AS device_revoked_at, d.signed_out_at AS device_signed_out_at,
              u.disabled_at AS user_disabled_at,
              EXISTS (SELECT 1 FROM refresh_tokens c WHERE c.parent_hash = t.token_hash
                         AND c.used_at IS NULL AND c.revoked_at IS NULL) AS has_live_child
         FROM refresh_tokens t JOIN devices d ON d.id = t.device_id JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    if (!row) return { kind: 'refused', code: 'REFRESH_TOKEN_INVALID' };
    const decision = judgeRefresh(presented(row), now, policy.graceSeconds);
    if (decision.kind === 'refuse') {
      if (decision.revokeFamily) await revokeFamily(tx, row.family_id, 'reused', now);
      return { kind: 'refused', code: decision.code };
    }
    const owner = { userId: row.user_id, orgId: row.org_id, deviceId: row.device_id };
    const gated = await gate(tx, owner);
    if (!gated.pass) return { kind: 'gate-refused', gate: gated.value };
    if (decision.kind === 'rotate')
      await tx.query('UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1', [
        row.token_hash,
        now.toISOString(),
      ]);
    // A reissue keeps the first rotation's time, so retries cannot stretch the grace.
    else
      await tx.query(
        `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = 'superseded'
          WHERE parent_hash = $1 AND used_at IS NULL AND revoked_at IS NULL`,
        [row.token_hash, now.toISOString()],
      );
    const next = await issueRefreshToken(
      tx,
      { ...owner, familyId: row.family_id, parentHash: row.token_hash },
      now,
    );
    return {
      kind: 'granted',
      owner,
      gate: gated.value,
      refreshToken: next.token,
      expiresAt: next.expiresAt,
    };
  });

const revokeFamily = (tx: Queryable, familyId: string, reason: RevokedReason, now: Date) =>
  tx.query(
    'UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE family_id = $1 AND revoked_at IS NULL',
    [familyId, now.toISOString(), reason],
  );

/**
 * Revokes every live refresh token of a device, or of every device of a user. Returns the
 * number of token families (sign-in sessions) that had a live token.
 */
export const revokeRefreshTokens = async (
  tx: Queryable,
  where: { deviceId: string } | { userId: string },
  reason: RevokedReason,
): Promise<number> => {
  const rows = await tx.query<{ family_id: string }>(
    `UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2
      WHERE ${'deviceId' in where ? 'device_id' : 'user_id'} = $1 AND revoked_at IS NULL RETURNING family_id`,
    ['deviceId' in where ? where.deviceId : where.userId, reason],
  );
  return new Set(rows.map((r) => r.family_id)).size;
};
