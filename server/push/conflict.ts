import { type EntityData, type ServerVersion, entitySchemas } from '../../shared/api';
import type { Queryable } from '../db/database';
import { currentVersion } from '../sync/feed';
import { loadRecords } from '../sync/loaders';
import { type Outcome, Rejection } from './outcome';

type ConflictEntity = ServerVersion['entity'];

/**
 * A `conflict` outcome carrying the stored record, so the client keeps both versions. A
 * stored record that fails its own contract cannot be shown: the mutation is then rejected
 * with that reason (and its sequence advances) rather than failing the whole batch.
 */
export const conflictWithStored = async <E extends ConflictEntity>(
  tx: Queryable,
  entity: E,
  id: string,
  reason: (data: EntityData<E>) => string,
): Promise<Outcome> => {
  const parsed = entitySchemas[entity].safeParse((await loadRecords(tx, entity, [id])).get(id));
  if (!parsed.success)
    throw new Rejection(
      'This change conflicts with a version on the server that cannot be shown (it is being repaired); it was not applied.',
    );
  const version = (await currentVersion(tx, entity, id)) ?? 1;
  return {
    status: 'conflict',
    serverVersion: { entity, id, version, data: parsed.data },
    reason: reason(parsed.data as EntityData<E>),
  };
};
