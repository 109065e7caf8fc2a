import type { ChangeScope, EntityName } from '../../shared/api';

/** One row of sync_feed as the pull and checksum queries select it. */
export interface FeedRow {
  entity: EntityName;
  id: string;
  cursor: number;
  version: number;
  deleted: boolean;
  patient_id: string | null;
  therapist_id: string | null;
  org_id: string;
}

/** Rows the caller may see ($3 patient ids, $4 therapist ids, $5 org id). */
export const VISIBLE = `(patient_id = ANY($3::uuid[])
   OR (patient_id IS NULL AND therapist_id = ANY($4::uuid[]))
   OR (patient_id IS NULL AND therapist_id IS NULL AND org_id = $5))`;

/** Leaves out record versions that failed their contract (see quarantine.ts). */
export const NOT_QUARANTINED = `NOT EXISTS (SELECT 1 FROM quarantined_records q
   WHERE q.entity = sync_feed.entity AND q.id = sync_feed.id AND q.version = sync_feed.version)`;

export const scopeOf = (
  row: Pick<FeedRow, 'patient_id' | 'therapist_id' | 'org_id'>,
): ChangeScope =>
  row.patient_id
    ? { kind: 'patient', id: row.patient_id }
    : row.therapist_id
      ? { kind: 'therapist', therapistId: row.therapist_id }
      : { kind: 'org', orgId: row.org_id };
