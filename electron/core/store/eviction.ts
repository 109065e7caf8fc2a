import { type EntityName, type EvictionScope, type Lane, laneOfEntity } from '../../../shared/api';
import type { Connection } from './connection';
import { entityTables, patientLinkedTables } from './entity-tables';
import type { ScopeEviction } from './interface';

const BOTH_LANES: readonly Lane[] = ['core', 'transcripts'];

/** The cached tables of a lane's entities (scope_kind/scope_id columns). */
const laneEntityTables = (lane: Lane): string[] => [
  ...(Object.entries(entityTables) as [EntityName, string][])
    .filter(([entity]) => laneOfEntity(entity) === lane)
    .map(([, table]) => table),
  // The server's rows kept aside behind unanswered local changes: only core entities are
  // written on a device, so only the core lane has them.
  ...(lane === 'core' ? ['withheld_rows'] : []),
];
const transcriptTable: string = entityTables.transcript;

/**
 * Loss of access as one transaction, in the lanes given (an eviction in a pull page removes
 * its own lane's rows only; the server sends one in each lane). Lane by lane because the
 * lanes move independently: a patient reallocated away and back is re-sent in each lane
 * after that lane's eviction, and an old eviction of one lane must not remove what the
 * other lane has already brought back.
 *
 * A patient scope, core lane: every core row scoped to the patient or linked to them by
 * patient_id, drafts and conflict copies; transcripts lane: their transcripts and the
 * utterances in them. A supervisee scope: the therapist's own records (profile,
 * assignments; core lane) only; the server sends each patient the user no longer sees as
 * its own patient eviction. secure_delete zeroes the freed pages; compactSearchIndex clears
 * the search index.
 */
export function scopeEvictor(
  db: Connection,
): (scope: EvictionScope, lanes?: readonly Lane[]) => ScopeEviction {
  const run = (sql: string, ...params: string[]): number => db.prepare(sql).run(...params).changes;

  const evictPatient = (patientId: string, lane: Lane, removed: Record<string, number>): void => {
    const add = (table: string, count: number): void => {
      if (count > 0) removed[table] = (removed[table] ?? 0) + count;
    };
    if (lane === 'transcripts')
      add(
        'utterances',
        run(
          `DELETE FROM utterances WHERE transcript_id IN (SELECT id FROM transcripts
             WHERE patient_id = ? OR (scope_kind = 'patient' AND scope_id = ?))`,
          patientId,
          patientId,
        ),
      );
    for (const table of laneEntityTables(lane)) {
      add(
        table,
        run(`DELETE FROM ${table} WHERE scope_kind = 'patient' AND scope_id = ?`, patientId),
      );
    }
    for (const table of patientLinkedTables) {
      if ((table === transcriptTable) !== (lane === 'transcripts')) continue;
      add(table, run(`DELETE FROM ${table} WHERE patient_id = ?`, patientId));
    }
    if (lane === 'core') add('patients', run('DELETE FROM patients WHERE id = ?', patientId));
  };

  return (scope, lanes = BOTH_LANES) =>
    db
      .transaction((): ScopeEviction => {
        const removed: Record<string, number> = {};
        if (scope.kind === 'patient') {
          for (const lane of lanes) evictPatient(scope.id, lane, removed);
        } else if (lanes.includes('core')) {
          const therapistId = scope.therapistId;
          for (const table of laneEntityTables('core')) {
            const count = run(
              `DELETE FROM ${table} WHERE scope_kind = 'therapist' AND scope_id = ?`,
              therapistId,
            );
            if (count > 0) removed[table] = (removed[table] ?? 0) + count;
          }
          const profile = run('DELETE FROM users WHERE id = ?', therapistId);
          if (profile > 0) removed['users'] = (removed['users'] ?? 0) + profile;
        }
        return { scope, removed };
      })
      .immediate();
}
