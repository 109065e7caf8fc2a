import type { Database, Queryable } from '../db/database';
import { accountKey, addressKey, claimSignInAttempt, settleSignInAttempt } from './throttle';
import { decoyHash, verifyPassword } from './passwords';
import { matchTotp, spendTotpStep } from './totp';

/** What sign-in needs of a user row. */
export interface Account {
  id: string;
  orgId: string;
  passwordHash: string;
  totpSecret: string;
  totpLastStep: number | null;
  disabled: boolean;
}

export const findAccount = async (db: Queryable, email: string): Promise<Account | null> => {
  const [row] = await db.query<Account>(
    `SELECT id, org_id AS "orgId", password_hash AS "passwordHash", totp_secret AS "totpSecret",
            totp_last_step AS "totpLastStep", disabled_at IS NOT NULL AS disabled
       FROM users WHERE email = lower($1)`,
    [email],
  );
  return row ?? null;
};

export type CredentialVerdict =
  | { kind: 'accepted'; account: Account }
  /** Only someone who holds the password and the code learns that the account is disabled. */
  | { kind: 'disabled' }
  | { kind: 'refused' };

/**
 * Password and authenticator code. An unknown email costs the same scrypt work against a
 * decoy hash, so timing does not reveal which accounts exist. With `totpSingleUse`, a code
 * is spent only when the password is right too (a guesser cannot burn a user's codes).
 */
export const checkCredentials = async (
  deps: { db: Queryable; totpSingleUse: boolean },
  account: Account | null,
  given: { password: string; totp: string },
): Promise<CredentialVerdict> => {
  const passwordOk = await verifyPassword(
    given.password,
    account?.passwordHash ?? (await decoyHash),
  );
  if (!account || !passwordOk) return { kind: 'refused' };
  const code = await matchTotp(account.totpSecret, given.totp, {
    afterStep: deps.totpSingleUse ? account.totpLastStep : null,
  });
  if (!code.ok) return { kind: 'refused' };
  if (deps.totpSingleUse && !(await spendTotpStep(deps.db, account.id, code.step)))
    return { kind: 'refused' };
  return account.disabled ? { kind: 'disabled' } : { kind: 'accepted', account };
};

export type SignInVerdict = CredentialVerdict | { kind: 'throttled'; retryAfterSeconds: number };

/**
 * One sign-in attempt: the throttle first (a throttled attempt costs no scrypt work and
 * learns nothing of the credentials), then the credentials. Country refusals are decided
 * before this and never counted.
 */
export const attemptSignIn = async (
  deps: {
    db: Database;
    checkCredentials: (
      account: Account | null,
      given: { password: string; totp: string },
    ) => Promise<CredentialVerdict>;
  },
  from: { email: string; ip: string },
  account: Account | null,
  given: { password: string; totp: string },
): Promise<SignInVerdict> => {
  const keys = { account: accountKey(from.email), address: addressKey(from.ip) };
  const claim = await claimSignInAttempt(deps.db, keys);
  if (!claim.allowed) return { kind: 'throttled', retryAfterSeconds: claim.retryAfterSeconds };
  const verdict = await deps.checkCredentials(account, given);
  if (verdict.kind === 'accepted') await settleSignInAttempt(deps.db, keys);
  return verdict;
};
