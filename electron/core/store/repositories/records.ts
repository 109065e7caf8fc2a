import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { laneOfEntity } from '../../../../shared/api';
import type { EntityName, Lane } from '../../../../shared/api';
import type { Connection } from '../connection';
import { entityTables, scopeKey, scopeOf } from '../entity-tables';
import type {
  CachedRecord,
  CaseloadQueries,
  EntityCache,
  LocalScopeChecksum,
  RecordEntity,
  ScopeVersion,
} from '../interface';
import type { TranscriptWriter } from './transcripts';

interface RawRecord {
  readonly id: string;
  readonly version: number | null;
  readonly scopeKind: string;
  readonly scopeId: string;
  readonly data: string;
}
const recordColumns = 'id, version, scope_kind AS scopeKind, scope_id AS scopeId, data';

function decode<E extends RecordEntity>(raw: unknown): CachedRecord<E> {
  const row = raw as RawRecord;
  return {
    id: row.id,
    version: row.version,
    scope: scopeOf(row.scopeKind, row.scopeId),
    data: JSON.parse(row.data) as CachedRecord<E>['data'],
  };
}

type RecordTable = (typeof entityTables)[RecordEntity];
const recordEntities = (Object.keys(entityTables) as EntityName[]).filter(
  (entity): entity is RecordEntity => entity !== 'transcript',
);

export function entityCache(db: Connection, transcripts: TranscriptWriter): EntityCache {
  const statements = new Map<
    RecordEntity,
    {
      put: Statement;
      get: Statement;
      remove: Statement;
      all: Statement;
      forPatient: Statement | null;
    }
  >();
  for (const entity of recordEntities) {
    const table: RecordTable = entityTables[entity];
    // A replayed or late page never takes a record back to an older server version; an
    // optimistic write (version NULL) and the server's answer to it always land.
    const put = db.prepare(
      `INSERT INTO ${table} (id, version, scope_kind, scope_id, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version,
         scope_kind = excluded.scope_kind, scope_id = excluded.scope_id, data = excluded.data
       WHERE excluded.version IS NULL OR ${table}.version IS NULL
         OR excluded.version >= ${table}.version`,
    );
    const patientColumn =
      table === 'patients' ? 'id' : hasColumn(db, table, 'patient_id') ? 'patient_id' : null;
    statements.set(entity, {
      put,
      get: db.prepare(`SELECT ${recordColumns} FROM ${table} WHERE id = ?`),
      all: db.prepare(`SELECT ${recordColumns} FROM ${table} ORDER BY rowid`),
      remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
      forPatient:
        patientColumn === null
          ? null
          : db.prepare(
              `SELECT ${recordColumns} FROM ${table} WHERE ${patientColumn} = ? ORDER BY rowid`,
            ),
    });
  }
  const counts = new Map(
    (Object.keys(entityTables) as EntityName[]).map((entity) => [
      entity,
      db.prepare(`SELECT count(*) FROM ${entityTables[entity]}`).pluck(),
    ]),
  );
  const entitiesOf = (lane: Lane) =>
    (Object.keys(entityTables) as EntityName[]).filter((entity) => laneOfEntity(entity) === lane);
  const laneQuery = (lane: Lane, where: string) =>
    db.prepare(
      entitiesOf(lane)
        .map(
          (entity) =>
            `SELECT '${entity}' AS entity, id, version, scope_kind AS scopeKind,
               scope_id AS scopeId FROM ${entityTables[entity]} ${where}`,
        )
        .join('\nUNION ALL\n'),
    );
  const byLane = new Map(
    (['core', 'transcripts'] as const satisfies readonly Lane[]).map((lane) => [
      lane,
      {
        ofScope: laneQuery(lane, 'WHERE scope_kind = @kind AND scope_id = @id'),
        confirmed: laneQuery(lane, 'WHERE version IS NOT NULL'),
      },
    ]),
  );
  const queriesOf = (lane: Lane) => {
    const found = byLane.get(lane);
    if (found === undefined) throw new Error(`Unknown lane '${lane}'.`);
    return found;
  };
  const of = (entity: RecordEntity) => {
    const found = statements.get(entity);
    if (found === undefined) throw new Error(`No table caches '${entity}'.`);
    return found;
  };

  return {
    put: (entity, record) => {
      if (entity === 'transcript') {
        transcripts.put(record as CachedRecord<'transcript'>);
        return;
      }
      const [kind, id] = scopeKey(record.scope);
      of(entity as RecordEntity).put.run(
        record.id,
        record.version,
        kind,
        id,
        JSON.stringify(record.data),
      );
    },
    remove: (entity, id) =>
      entity === 'transcript' ? transcripts.remove(id) : of(entity).remove.run(id).changes > 0,
    get: (entity, id) => {
      const raw = of(entity).get.get(id);
      return raw === undefined ? undefined : decode(raw);
    },
    listForPatient: (entity, patientId) => {
      const statement = of(entity).forPatient;
      if (statement === null) throw new Error(`'${entity}' records do not belong to a patient.`);
      return statement.all(patientId).map((raw) => decode(raw));
    },
    list: (entity) =>
      of(entity)
        .all.all()
        .map((raw) => decode(raw)),
    count: (entity) => Number(counts.get(entity)?.get()),
    scopeVersions: (scope, lane) => {
      const [kind, id] = scopeKey(scope);
      const rows = queriesOf(lane).ofScope.all({ kind, id }) as ScopeRow[];
      return rows
        .sort(byEntityThenId)
        .map(({ entity, id: rowId, version }) => ({ entity, id: rowId, version }));
    },
    scopeChecksums: (lane) => {
      const groups = new Map<string, ScopeRow[]>();
      for (const row of queriesOf(lane).confirmed.all() as ScopeRow[]) {
        const key = `${row.scopeKind}:${row.scopeId}`;
        const group = groups.get(key);
        if (group === undefined) groups.set(key, [row]);
        else group.push(row);
      }
      return [...groups.values()].map((rows): LocalScopeChecksum => {
        const text = rows
          .sort(byEntityThenId)
          .map((r) => `${r.entity}:${r.id}:${String(r.version)}`)
          .join(',');
        const first = rows[0] as ScopeRow;
        return {
          scope: scopeOf(first.scopeKind, first.scopeId),
          count: rows.length,
          md5: createHash('md5').update(text, 'utf8').digest('hex'),
        };
      });
    },
  };
}

interface ScopeRow extends ScopeVersion {
  readonly scopeKind: string;
  readonly scopeId: string;
}
// The server sorts with COLLATE "C" (bytes); ids and entity names are ASCII, where UTF-16
// code unit order is the same.
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byEntityThenId = (a: ScopeVersion, b: ScopeVersion): number =>
  a.entity === b.entity ? byCodeUnit(a.id, b.id) : byCodeUnit(a.entity, b.entity);

function hasColumn(db: Connection, table: string, column: string): boolean {
  const columns = db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(table);
  return columns.includes(column);
}

export function caseloadQueries(db: Connection): CaseloadQueries {
  const active = db.prepare(
    `SELECT ${recordColumns} FROM patients WHERE therapist_id = ? AND status = 'active'
     ORDER BY family_name, given_name`,
  );
  const between = db.prepare(
    `SELECT ${recordColumns} FROM appointments WHERE starts_at >= ? AND starts_at < ?
     ORDER BY starts_at`,
  );
  // Driven by the caseload: per patient, two index seeks (the last reply, then the
  // inbound messages after it), so the cost follows patients, not the message history.
  const awaiting = db.prepare(
    `SELECT m.id, m.version, m.scope_kind AS scopeKind, m.scope_id AS scopeId, m.data
     FROM patients AS p CROSS JOIN messages AS m -- CROSS JOIN: SQLite keeps this order
       ON m.patient_id = p.id AND m.direction = 'inbound'
      AND m.sent_at > coalesce((SELECT max(r.sent_at) FROM messages AS r
                                 WHERE r.patient_id = p.id AND r.direction = 'outbound'), '')
     ORDER BY m.sent_at`,
  );
  const page = db.prepare(
    `SELECT ${recordColumns} FROM messages WHERE patient_id = @patientId
       AND (@before IS NULL OR sent_at < @before)
     ORDER BY sent_at DESC LIMIT @limit`,
  );
  return {
    activePatients: (therapistId) => active.all(therapistId).map((raw) => decode(raw)),
    appointmentsBetween: (from, to) => between.all(from, to).map((raw) => decode(raw)),
    messagesAwaitingReply: () => awaiting.all().map((raw) => decode(raw)),
    messagePage: (patientId, beforeSentAt, limit) =>
      page.all({ patientId, before: beforeSentAt, limit }).map((raw) => decode(raw)),
  };
}
