import type { Mutation, MutationResult, PushRequest } from '../../shared/api';
import { type Database, type Queryable, StatementFailure } from '../db/database';
import type { Caller } from '../http/authenticate';
import { ApiError } from '../http/errors';
import { clinicalMutations } from './clinicalMutations';
import {
  type MutationContext,
  type MutationHandler,
  type MutationHandlers,
  type Outcome,
  mutationFailurePolicy,
} from './outcome';
import { supervisionMutations } from './supervisionMutations';
import { tripMutations } from './tripMutations';

const handlers: MutationHandlers = {
  ...clinicalMutations,
  ...supervisionMutations,
  ...tripMutations,
};

export interface PushLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/**
 * Runs one handler inside a savepoint of the mutation's transaction. A failure the policy
 * settles as `reject` undoes the handler's writes (a failed statement also poisons the
 * transaction until the rollback) and becomes a `rejected` outcome; anything else aborts.
 */
const runSettled = async (
  tx: Queryable,
  handler: MutationHandler<Mutation['kind']>,
  ctx: MutationContext,
  payload: Mutation['payload'],
  log: PushLog | undefined,
): Promise<Outcome> => {
  await tx.query('SAVEPOINT mutation');
  try {
    const outcome = await handler(ctx, payload as never);
    await tx.query('RELEASE SAVEPOINT mutation');
    return outcome;
  } catch (error) {
    const failure = mutationFailurePolicy(error);
    if (failure.settle === 'retry') throw error;
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    if (failure.cause !== 'rule' && error instanceof StatementFailure)
      log?.warn(
        { sqlstate: error.sqlstate, detail: error.detail, kind: error.kind },
        'a mutation was refused by the database; rejected',
      );
    return { status: 'rejected', reason: failure.reason };
  }
};

/**
 * Exactly-once: each mutation runs in its own transaction that locks the device row, skips
 * (returning the stored result) if its seq is at or below last_applied_seq, and otherwise
 * writes, advances last_applied_seq and stores the result — all in that one transaction.
 * A replayed or concurrently duplicated batch therefore returns the same results and writes
 * nothing twice. Rejections and conflicts are results too: they advance the sequence, so one
 * bad mutation never blocks the queue — including a value or row the database itself refuses
 * (SQLSTATE 22xxx/23xxx, see mutationFailurePolicy). Only the server's own failure aborts
 * the batch (5xx → retry); the mutations before it stay applied and replay as no-ops.
 */
export const applyPush = async (
  db: Database,
  caller: Caller,
  request: PushRequest,
  log?: PushLog,
): Promise<{ results: MutationResult[]; lastAppliedSeq: number }> => {
  if (request.deviceId !== caller.deviceId)
    throw new ApiError(403, 'FORBIDDEN', 'deviceId does not match the signed-in device.');
  const results: MutationResult[] = [];
  let lastAppliedSeq = 0;
  for (const mutation of request.mutations) {
    const { result, last } = await db.transaction(async (tx) => {
      const [device] = await tx.query<{ last_applied_seq: number }>(
        'SELECT last_applied_seq FROM devices WHERE id = $1 FOR UPDATE',
        [caller.deviceId],
      );
      if (!device) throw new ApiError(401, 'DEVICE_REVOKED', 'This device is unknown.');
      const [stored] = await tx.query<{ result: MutationResult; seq: number; mutation_id: string }>(
        'SELECT result, seq, mutation_id FROM push_results WHERE device_id = $1 AND (seq = $2 OR mutation_id = $3) ORDER BY seq = $2 DESC LIMIT 1',
        [caller.deviceId, mutation.seq, mutation.id],
      );
      const last = Math.max(device.last_applied_seq, mutation.seq);
      // The same mutation again (same id), whatever seq it now carries: its stored result.
      if (stored && stored.mutation_id === mutation.id)
        return { result: { ...stored.result, seq: mutation.seq }, last };
      if (stored || mutation.seq <= device.last_applied_seq) {
        const reason =
          'This change reused a sequence number the server has already processed; it was not applied.';
        return {
          result: { seq: mutation.seq, id: mutation.id, status: 'rejected' as const, reason },
          last: device.last_applied_seq,
        };
      }
      const handler = handlers[mutation.kind] as MutationHandler<Mutation['kind']>;
      const outcome = await runSettled(
        tx,
        handler,
        { tx, caller, deviceId: caller.deviceId, now: new Date() },
        mutation.payload,
        log,
      );
      const result = { seq: mutation.seq, id: mutation.id, ...outcome } as MutationResult;
      await tx.query(
        'UPDATE devices SET last_applied_seq = $2, last_seen_at = now() WHERE id = $1',
        [caller.deviceId, mutation.seq],
      );
      await tx.query(
        'INSERT INTO push_results (device_id, seq, mutation_id, result) VALUES ($1, $2, $3, $4::jsonb)',
        [caller.deviceId, mutation.seq, mutation.id, JSON.stringify(result)],
      );
      return { result, last: mutation.seq };
    });
    results.push(result);
    lastAppliedSeq = Math.max(lastAppliedSeq, last);
  }
  return { results, lastAppliedSeq };
};
