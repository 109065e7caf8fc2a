import { type Change, type EntityName, changeSchemaByEntity } from '../../shared/api';
import type { Database } from '../db/database';

/** A stored record version that fails its own response contract: never sent. */
export interface UnservableRecord {
  entity: EntityName;
  id: string;
  version: number;
  issues: string[];
}

/**
 * Splits a page's candidate changes into those that pass the response contract and those
 * that do not. One bad stored value (written before the contract refused it, or straight
 * into the database) must not fail the page for everyone who can see it.
 */
export const servableChanges = (
  candidates: Change[],
): { changes: Change[]; unservable: UnservableRecord[] } => {
  const changes: Change[] = [];
  const unservable: UnservableRecord[] = [];
  for (const candidate of candidates) {
    const parsed = changeSchemaByEntity[candidate.entity].safeParse(candidate);
    if (parsed.success) changes.push(candidate);
    else
      unservable.push({
        entity: candidate.entity,
        id: candidate.id,
        version: candidate.version,
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
  }
  return { changes, unservable };
};

/**
 * Sets unservable record versions aside: later pulls skip them without loading them and
 * checksums leave them out, so devices converge on what the server can send. Writing the
 * record again (a repair) makes a new version, which is served as usual.
 */
export const quarantineRecords = async (db: Database, records: UnservableRecord[]) => {
  for (const r of records)
    await db.query(
      `INSERT INTO quarantined_records (entity, id, version, issues) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT DO NOTHING`,
      [r.entity, r.id, r.version, JSON.stringify(r.issues)],
    );
};
