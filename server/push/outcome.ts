import type { z } from 'zod';
import type { MutationKind, MutationPayload, ServerVersion } from '../../shared/api';
import { type Queryable, StatementFailure } from '../db/database';
import type { Caller } from '../http/authenticate';

export type Outcome =
  | { status: 'applied'; version: number | null }
  | { status: 'conflict'; serverVersion: z.infer<typeof ServerVersion>; reason: string }
  | { status: 'rejected'; reason: string };

export interface MutationContext {
  tx: Queryable;
  caller: Caller;
  deviceId: string;
  now: Date;
}

export type MutationHandler<K extends MutationKind> = (
  ctx: MutationContext,
  payload: MutationPayload<K>,
) => Promise<Outcome>;
export type MutationHandlers = { [K in MutationKind]: MutationHandler<K> };

/** Thrown by checks before any write; becomes a `rejected` result with this user-readable reason. */
export class Rejection extends Error {}

export const applied = (version: number | null): Outcome => ({ status: 'applied', version });

/**
 * How a failed mutation is settled. `reject`: the mutation itself is at fault — its writes
 * are undone, it gets a `rejected` result and the device's sequence advances past it, so
 * the changes behind it still apply. `retry`: the server failed (or lost a race worth
 * retrying) — the batch answers 5xx and the client sends the same mutation again.
 */
export type MutationFailure =
  { settle: 'reject'; reason: string; cause: 'rule' | 'data' | 'constraint' } | { settle: 'retry' };

export const DATA_REFUSED =
  'This change could not be stored: one of its values is outside what the server can hold.';
export const CONSTRAINT_REFUSED =
  'This change could not be stored: it clashes with a record or rule already on the server.';

export const mutationFailurePolicy = (error: unknown): MutationFailure => {
  if (error instanceof Rejection) return { settle: 'reject', reason: error.message, cause: 'rule' };
  if (!(error instanceof StatementFailure)) return { settle: 'retry' };
  switch (error.kind) {
    case 'data':
      return { settle: 'reject', reason: DATA_REFUSED, cause: 'data' };
    case 'constraint':
      return { settle: 'reject', reason: CONSTRAINT_REFUSED, cause: 'constraint' };
    case 'contention':
    case 'server':
      return { settle: 'retry' };
  }
};
