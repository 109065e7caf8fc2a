import { isIP } from 'node:net';
import type { Database, Queryable } from '../db/database';

/**
 * Failed sign-ins per key: a few are free, then each needs a delay that doubles up to a cap
 * (the temporary lock). A key with no failure for `forgetAfterSeconds` starts afresh.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  forgetAfterSeconds: number;
}

/**
 * Per account (by email, whether or not an account has it, so the throttle says nothing about
 * which exist) and per address (more lenient: an office or a VPN shares one). 300 guesses at
 * one account, which went through at 4–7 a second, now take more than two days.
 */
export const SIGN_IN_THROTTLE = {
  account: { freeFailures: 5, baseDelaySeconds: 1, maxDelaySeconds: 900, forgetAfterSeconds: 3600 },
  address: {
    freeFailures: 20,
    baseDelaySeconds: 1,
    maxDelaySeconds: 900,
    forgetAfterSeconds: 3600,
  },
} as const satisfies Record<string, ThrottlePolicy>;

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Seconds to wait after the last of `failures` failures. */
export const delayAfter = (failures: number, policy: ThrottlePolicy): number => {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures, 30);
  return Math.min(policy.baseDelaySeconds * 2 ** exponent, policy.maxDelaySeconds);
};

const isForgotten = (state: ThrottleState, now: Date, policy: ThrottlePolicy) =>
  now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000;

export const throttleVerdict = (
  state: ThrottleState | null,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleVerdict => {
  if (!state || isForgotten(state, now, policy)) return { allowed: true };
  // Free failures cost no wait, however their time compares with this attempt's clock: a
  // parallel attempt may record its claim "after" this one read the time (it waited for the
  // row lock meanwhile), and a 1 ms difference must not turn into a 429.
  const delay = delayAfter(state.failures, policy);
  if (delay === 0) return { allowed: true };
  const until = state.lastFailureAt.getTime() + delay * 1000;
  const waitMs = until - now.getTime();
  return waitMs > 0
    ? { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) }
    : { allowed: true };
};

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;

/** IPv4 by itself; IPv6 by its /64, which one subscriber usually holds whole. */
export const addressKey = (ip: string) => {
  const bare = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  if (isIP(bare) !== 6) return `address:${bare}`;
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  const prefix = groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16));
  return `address:${prefix.join(':')}::/64`;
};

export interface ThrottleKeys {
  account: string;
  address: string;
}

/**
 * Before any credential is checked: refuse if either key must still wait; otherwise count
 * this attempt as a failure now (so parallel attempts cannot all slip through before one
 * finishes), to be taken back by `settleSignInAttempt` if it succeeds. One short transaction
 * with the rows locked, so every API node sharing the database agrees.
 */
export const claimSignInAttempt = async (
  db: Database,
  keys: ThrottleKeys,
  now = new Date(),
): Promise<ThrottleVerdict> =>
  db.transaction(async (tx) => {
    const entries = [
      [keys.account, SIGN_IN_THROTTLE.account],
      [keys.address, SIGN_IN_THROTTLE.address],
    ] as const;
    const ordered = [keys.account, keys.address].sort();
    await tx.query(
      `INSERT INTO sign_in_throttle (key, failures, last_failure_at)
       SELECT k, 0, $2 FROM unnest($1::text[]) AS k ORDER BY k ON CONFLICT (key) DO NOTHING`,
      [ordered, now.toISOString()],
    );
    const rows = await tx.query<{ key: string; failures: number; last_failure_at: string }>(
      'SELECT key, failures, last_failure_at FROM sign_in_throttle WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
      [ordered],
    );
    const stateOf = (key: string): ThrottleState | null => {
      const row = rows.find((r) => r.key === key);
      return row ? { failures: row.failures, lastFailureAt: new Date(row.last_failure_at) } : null;
    };
    const waits = entries.map(([key, policy]) => throttleVerdict(stateOf(key), now, policy));
    const retryAfter = Math.max(0, ...waits.map((w) => (w.allowed ? 0 : w.retryAfterSeconds)));
    if (retryAfter > 0) return { allowed: false, retryAfterSeconds: retryAfter };
    for (const [key, policy] of entries) {
      const state = stateOf(key);
      const failures = state && !isForgotten(state, now, policy) ? state.failures + 1 : 1;
      await tx.query(
        'UPDATE sign_in_throttle SET failures = $2, last_failure_at = $3 WHERE key = $1',
        [key, failures, now.toISOString()],
      );
    }
    return { allowed: true };
  });

/**
 * After a successful sign-in: the account starts afresh; the address gets back the one
 * failure its claim counted (its earlier failures stand: a sprayer with one good account must
 * not clear its address).
 */
export const settleSignInAttempt = async (tx: Queryable, keys: ThrottleKeys) => {
  await tx.query('DELETE FROM sign_in_throttle WHERE key = $1', [keys.account]);
  await tx.query(
    'UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0) WHERE key = $1',
    [keys.address],
  );
};

/** Rows nobody needs any more (the sweep calls this). */
export const forgetOldThrottleRows = (db: Queryable, now = new Date()) =>
  db.query('DELETE FROM sign_in_throttle WHERE last_failure_at < $1', [
    new Date(
      now.getTime() -
        Math.max(
          SIGN_IN_THROTTLE.account.forgetAfterSeconds,
          SIGN_IN_THROTTLE.address.forgetAfterSeconds,
        ) *
          1000,
    ).toISOString(),
  ]);
