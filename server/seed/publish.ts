import type { Queryable } from '../db/database';
import { renderAllDocuments } from '../sync/documents';

/** Feed rows for every seeded record: entity, source table, patient column, therapist column, lane. */
const SOURCES: [
  entity: string,
  from: string,
  patient: string,
  therapist: string,
  org: string,
  lane: 'core' | 'transcripts',
][] = [
  ['serviceConfig', 'service_config s', 'NULL::uuid', 'NULL::uuid', 's.org_id', 'core'],
  ['user', 'users s', 'NULL::uuid', 's.id', 's.org_id', 'core'],
  [
    'supervisionAssignment',
    'supervision_assignments s JOIN users u ON u.id = s.therapist_id',
    'NULL::uuid',
    's.therapist_id',
    'u.org_id',
    'core',
  ],
  ['patient', 'patients s', 's.id', 'NULL::uuid', 's.org_id', 'core'],
  [
    'episode',
    'episodes s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'appointment',
    'appointments s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'message',
    'messages s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'note',
    'notes s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'measure',
    'measures s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'ticket',
    'tickets s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'emergencyContact',
    'emergency_contacts s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'core',
  ],
  [
    'transcript',
    'transcripts s JOIN patients p ON p.id = s.patient_id',
    's.patient_id',
    'NULL::uuid',
    'p.org_id',
    'transcripts',
  ],
];

/**
 * Puts every seeded record into the change feed in one statement per entity, then renders
 * their documents (sync/documents.ts), so the first pull of a seeded server reads them.
 */
export const publishSeededRecords = async (tx: Queryable) => {
  for (const [entity, from, patient, therapist, org, lane] of SOURCES) {
    const [head] = await tx.query<{ value: number }>('SELECT value FROM feed_counter FOR UPDATE');
    const [inserted] = await tx.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO sync_feed (entity, id, lane, cursor, version, deleted, patient_id, therapist_id, org_id)
         SELECT $1, s.id, $2, $3::int8 + row_number() OVER (ORDER BY s.id), 1, false, ${patient}, ${therapist}, ${org} FROM ${from}
         RETURNING 1)
       SELECT count(*)::int8 AS n FROM inserted`,
      [entity, lane, head?.value ?? 0],
    );
    await tx.query('UPDATE feed_counter SET value = value + $1', [inserted?.n ?? 0]);
  }
  await renderAllDocuments(tx);
};
