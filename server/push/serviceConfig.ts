import { entitySchemas } from '../../shared/api';
import { type ServiceConfig, serviceConfigFromWire } from '../../shared/clinical';
import type { Queryable } from '../db/database';
import { loadRecords } from '../sync/loaders';

/**
 * The organisation's service configuration as the clinical rules take it: the very record
 * devices sync (same projection, same mapping), so the server decides exactly as they do.
 */
export const serviceConfigOf = async (tx: Queryable, orgId: string): Promise<ServiceConfig> => {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM service_config WHERE org_id = $1', [
    orgId,
  ]);
  if (!row) return serviceConfigFromWire(undefined);
  const wire = entitySchemas.serviceConfig.parse(
    (await loadRecords(tx, 'serviceConfig', [row.id])).get(row.id),
  );
  return serviceConfigFromWire(wire);
};
