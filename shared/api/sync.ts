import { z } from 'zod';
import { INT8_MAX, Uuid, Version, withServerTime } from './common';
import { type EntityName, entitySchemas } from './entities';

/**
 * Two lanes with independent cursors: `core` (caseload, appointments, messages, notes,
 * tickets, measures, configuration...) is small and pulled first so the workspace is usable;
 * `transcripts` streams whole session transcripts afterwards.
 */
export const Lane = z.enum(['core', 'transcripts']);
export type Lane = z.infer<typeof Lane>;

export const laneOfEntity = (entity: EntityName): Lane =>
  entity === 'transcript' ? 'transcripts' : 'core';

/**
 * Opaque to the client: store it and send it back. (Today a decimal feed position, a
 * PostgreSQL bigint: at most 2^63-1.)
 */
export const Cursor = z
  .string()
  .regex(/^\d{1,19}$/, 'a cursor returned by a previous pull, or "0"')
  .refine((s) => !/^\d{1,19}$/.test(s) || BigInt(s) <= INT8_MAX, {
    message: 'a cursor returned by a previous pull, or "0" (at most 9223372036854775807)',
  })
  .describe('Opaque feed position: decimal, from "0" to "9223372036854775807"');
export type Cursor = z.infer<typeof Cursor>;

export const PULL_LIMIT_MAX = 1000;
/** Transcripts are large (80–250 utterances each): the server caps a transcripts page at this many. */
export const TRANSCRIPT_PAGE_MAX = 50;

/** Why a row is visible to the caller; also the unit of eviction and of checksums. */
export const ChangeScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('patient'), id: Uuid }),
  z.strictObject({ kind: z.literal('therapist'), therapistId: Uuid }),
  z.strictObject({ kind: z.literal('org'), orgId: Uuid }),
]);
export type ChangeScope = z.infer<typeof ChangeScope>;

const changeOf = <E extends EntityName>(entity: E) =>
  z
    .strictObject({
      lane: z.literal(laneOfEntity(entity)),
      cursor: Cursor,
      entity: z.literal(entity),
      op: z.enum(['upsert', 'delete']),
      id: Uuid,
      version: Version,
      scope: ChangeScope,
      data: entitySchemas[entity].nullable(),
    })
    .refine((c) => (c.op === 'upsert') === (c.data !== null), {
      message: 'an upsert carries data, a delete carries null',
      path: ['data'],
    });

const entityNames = Object.keys(entitySchemas) as EntityName[];
/**
 * One feed entry's schema per entity: the same rules as `Change`, looked up by the entry's
 * `entity` instead of tried one after another (a 35k-row first sync parses each once).
 */
export const changeSchemaByEntity = Object.fromEntries(
  entityNames.map((e) => [e, changeOf(e)]),
) as {
  [E in EntityName]: ReturnType<typeof changeOf<E>>;
};
const [first, second, ...rest] = entityNames.map(changeOf);
if (!first || !second) throw new Error('entitySchemas must list at least two entities');
/**
 * One feed entry. Unknown entity or op, or data not matching the entity → invalid page.
 * Discriminated by `entity`: each entry is checked against its own entity's schema only.
 */
export const Change = z.discriminatedUnion('entity', [first, second, ...rest]);
export type Change = z.infer<typeof Change>;

export const EvictionScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('patient'), id: Uuid }),
  z.strictObject({ kind: z.literal('supervisee'), therapistId: Uuid }),
]);
export type EvictionScope = z.infer<typeof EvictionScope>;

export const EvictionReason = z.enum(['reallocated', 'retention_expired', 'supervision_ended']);

/**
 * Loss of access. Apply in cursor order with the changes: remove every local row of the
 * scope. `patient`: the patient's whole record. `supervisee`: the therapist's own records
 * (profile, assignments, declarations) only — the server derives which patients the user no
 * longer sees from its visibility before and after, and sends each as a `patient` eviction
 * (a patient still visible through another supervisee is never evicted).
 */
export const Eviction = z.strictObject({
  lane: Lane,
  cursor: Cursor,
  scope: EvictionScope,
  reason: EvictionReason,
});
export type Eviction = z.infer<typeof Eviction>;

export const PullQuery = z.strictObject({
  lane: Lane,
  after: Cursor.default('0'),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(500),
});
export type PullQuery = z.infer<typeof PullQuery>;

/**
 * A page: apply `changes` and `evictions` merged in cursor order, then store `nextCursor`,
 * all in one local transaction. `hasMore` → pull again at once.
 */
export const PullResponse = withServerTime({
  lane: Lane,
  changes: z.array(Change),
  evictions: z.array(Eviction),
  nextCursor: Cursor,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const ChecksumsQuery = z.strictObject({ lane: Lane });

/**
 * Drift repair. For each scope the caller can see in this lane: the number of live
 * (non-deleted) rows and md5 over their sorted `entity:id:version` strings joined by ','
 * (sorted by entity, then id, bytewise). A mismatching scope → re-pull from "0" or evict it.
 */
export const ScopeChecksum = z.strictObject({
  scope: ChangeScope,
  count: z.int().min(0),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
});
export const ChecksumsResponse = withServerTime({
  lane: Lane,
  /** The feed position the checksums were computed at; pull to at least here before comparing. */
  asOf: Cursor,
  scopes: z.array(ScopeChecksum),
});
export type ChecksumsResponse = z.infer<typeof ChecksumsResponse>;

/**
 * Drift repair of one scope: the server's current rows of a scope the caller can see, in
 * feed order, a page at a time — live rows as upserts, deleted ones as deletes — so a device
 * whose checksum for the scope differs can set exactly that scope right without touching
 * anything else (and without replaying the feed or its evictions from "0").
 */
export const ScopePullQuery = z.strictObject({
  lane: Lane,
  kind: z.enum(['patient', 'therapist', 'org']),
  id: Uuid,
  after: Cursor.default('0'),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(500),
});
export type ScopePullQuery = z.input<typeof ScopePullQuery>;

export const ScopePullResponse = withServerTime({
  lane: Lane,
  scope: ChangeScope,
  /** False: the caller may no longer see this scope, and nothing of it may stay on a device. */
  visible: z.boolean(),
  changes: z.array(Change),
  nextCursor: Cursor,
  hasMore: z.boolean(),
});
export type ScopePullResponse = z.infer<typeof ScopePullResponse>;

const PullEnvelope = PullResponse.extend({ changes: z.array(z.unknown()) });

/**
 * `PullResponse.safeParse`, equally strict, without trying every entity's schema on every
 * change: the envelope first, then each change against the schema its `entity` names. An
 * unknown entity is an invalid page, as with `Change`.
 */
export function parsePullResponse(
  json: unknown,
): { success: true; data: PullResponse } | { success: false; message: string } {
  const envelope = PullEnvelope.safeParse(json);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return {
      success: false,
      message: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    };
  }
  const changes: Change[] = [];
  for (const [index, raw] of envelope.data.changes.entries()) {
    const entity = (raw as { entity?: unknown } | null)?.entity;
    const schema =
      typeof entity === 'string' && Object.hasOwn(changeSchemaByEntity, entity)
        ? changeSchemaByEntity[entity as EntityName]
        : null;
    if (!schema)
      return {
        success: false,
        message: `changes.${index}.entity: unknown entity ${JSON.stringify(entity)}`,
      };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        success: false,
        message: `changes.${index}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
      };
    }
    changes.push(parsed.data as Change);
  }
  return { success: true, data: { ...envelope.data, changes } };
}
