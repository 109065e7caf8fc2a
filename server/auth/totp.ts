import { generate, generateSecret, verify } from 'otplib';
import type { Queryable } from '../db/database';

export const newTotpSecret = (): string => generateSecret();

export type TotpMatch = { ok: true; step: number } | { ok: false };

/**
 * RFC 6238, 30 s steps; one step either side tolerates a slightly wrong phone clock.
 * `afterStep` (the last step accepted for this user) and every earlier step are refused:
 * a code signs in once (RFC 6238 §5.2).
 */
export const matchTotp = async (
  secret: string,
  token: string,
  options: { afterStep: number | null; now?: Date },
): Promise<TotpMatch> => {
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: 30,
      ...(options.now ? { epoch: Math.floor(options.now.getTime() / 1000) } : {}),
      ...(options.afterStep !== null ? { afterTimeStep: options.afterStep } : {}),
    });
    return result.valid && 'timeStep' in result && typeof result.timeStep === 'number'
      ? { ok: true, step: result.timeStep }
      : { ok: false };
  } catch {
    return { ok: false };
  }
};

/**
 * Records `step` as the user's last accepted one, if it is later than the one stored: a
 * compare-and-set, so of two sign-ins with one code (on any API node) exactly one wins.
 */
export const spendTotpStep = async (db: Queryable, userId: string, step: number) =>
  (
    await db.query(
      `UPDATE users SET totp_last_step = $2
        WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
      [userId, step],
    )
  ).length === 1;

export const currentTotp = (secret: string): Promise<string> => generate({ secret });
