import type { EvictionScope } from '../../../shared/api';
import type { Connection } from './connection';
import { entityTables, patientLinkedTables } from './entity-tables';
import type { ScopeEviction } from './interface';

// withheld_rows: the server's rows kept aside behind unanswered local changes (same scope).
const allEntityTables = [...Object.values(entityTables), 'withheld_rows'];

/**
 * Loss of access as one transaction. A patient scope: every row scoped to the patient or
 * linked to them by patient_id, the utterances of their transcripts, drafts and conflict
 * copies. A supervisee scope: the therapist's own records (profile, assignments) only; the
 * server sends each patient the user no longer sees as its own patient eviction.
 * secure_delete zeroes the freed pages; compactSearchIndex clears the search index.
 */
export function scopeEvictor(db: Connection): (scope: EvictionScope) => ScopeEviction {
  const run = (sql: string, ...params: string[]): number => db.prepare(sql).run(...params).changes;

  const evictPatient = (patientId: string, removed: Record<string, number>): void => {
    const add = (table: string, count: number): void => {
      if (count > 0) removed[table] = (removed[table] ?? 0) + count;
    };
    add(
      'utterances',
      run(
        `DELETE FROM utterances WHERE transcript_id IN (SELECT id FROM transcripts
           WHERE patient_id = ? OR (scope_kind = 'patient' AND scope_id = ?))`,
        patientId,
        patientId,
      ),
    );
    for (const table of allEntityTables) {
      add(
        table,
        run(`DELETE FROM ${table} WHERE scope_kind = 'patient' AND scope_id = ?`, patientId),
      );
    }
    for (const table of patientLinkedTables) {
      add(table, run(`DELETE FROM ${table} WHERE patient_id = ?`, patientId));
    }
    add('patients', run('DELETE FROM patients WHERE id = ?', patientId));
  };

  return (scope) =>
    db
      .transaction((): ScopeEviction => {
        const removed: Record<string, number> = {};
        if (scope.kind === 'patient') {
          evictPatient(scope.id, removed);
        } else {
          const therapistId = scope.therapistId;
          for (const table of allEntityTables) {
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
