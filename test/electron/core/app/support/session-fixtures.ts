import { existsSync, readdirSync } from 'node:fs';
import { generate } from 'otplib';
import type { DemoAccount } from '../../../../../shared/api';
import type { SessionStatus } from '../../../../../shared/ipc';
import type { TestServer } from '../../../../server/support/harness';
import type { TestDevice } from '../../../../support/device';

/** The message of a refused call (the test fails if the call succeeds). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

/**
 * An authenticator code for a later time step than the one the device signed in with, so a
 * second sign-in of the same account in the same test is not a replayed code (the server
 * may refuse a TOTP code used once).
 */
export const laterTotp = (account: DemoAccount, steps = 1): Promise<string> =>
  generate({ secret: account.totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

export const statusOf = (d: TestDevice) => d.call<SessionStatus>('session.status');

export const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/**
 * A reply written on the device (to the first patient of the caseload): it waits in the
 * outbox until the server accepts it. Whether it can be sent now is up to the test.
 */
export async function unsentReply(
  d: TestDevice,
  body = `Unsent reply ${Math.random().toString(36).slice(2)}`,
): Promise<{ patientId: string; body: string }> {
  const { entries } = await d.call<{ entries: { patientId: string }[] }>('caseload.list', {});
  const patientId = entries[0]?.patientId;
  if (!patientId) throw new Error('empty caseload');
  await d.call('messages.reply', { patientId, body });
  return { patientId, body };
}

/** How many messages with this body the server holds. */
export async function onServer(server: TestServer, body: string): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM messages WHERE body = $1',
    [body],
  );
  return row?.n ?? 0;
}
