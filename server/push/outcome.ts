import type { z } from 'zod';
import type { MutationKind, MutationPayload, ServerVersion } from '../../shared/api';
import type { Queryable } from '../db/database';
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
