import type { Lane } from '../../../shared/api';
import { patientLinkedTables, entityTables } from '../../../electron/core/store/entity-tables';
import type { Database } from '../../../server/db/database';
import { checksumsFor } from '../../../server/sync/checksums';
import { visibilityOf } from '../../../server/sync/visibility';
import type { Store } from '../../../electron/core/store';
import { readLocal } from '../support/local-db';

/** One broken promise, with enough to reproduce it. */
export interface Violation {
  readonly invariant: string;
  readonly device: string;
  readonly detail: string;
}

export interface Observed {
  readonly device: string;
  readonly kind: string;
  readonly payload: unknown;
}

/** What the checks read of a device (a TestDevice, or a core opened on a crashed one's files). */
export interface DeviceView {
  readonly dataDir: string;
  store(): Store | null | undefined;
  userId(): string;
  cursor(lane: Lane): string | null;
}

const scopeKey = (scope: { kind: string; id?: string; therapistId?: string; orgId?: string }) =>
  `${scope.kind}:${scope.id ?? scope.therapistId ?? scope.orgId ?? ''}`;

const lanes: Lane[] = ['core', 'transcripts'];

/** The device holds exactly what the server lets its user see, row for row (checksums). */
export async function checkScopeEquality(
  db: Database,
  name: string,
  device: DeviceView,
): Promise<Violation[]> {
  const store = device.store();
  if (!store) return [{ invariant: 'device-open', device: name, detail: 'no open store' }];
  const [user] = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE id = $1', [
    device.userId(),
  ]);
  const visibility = await visibilityOf(db, { id: device.userId(), orgId: user?.org_id ?? '' });
  const violations: Violation[] = [];
  for (const lane of lanes) {
    const remote = await checksumsFor(db, { id: device.userId(), orgId: user?.org_id ?? '' }, lane);
    const local = new Map(store.records.scopeChecksums(lane).map((c) => [scopeKey(c.scope), c]));
    const server = new Map(remote.scopes.map((c) => [scopeKey(c.scope), c]));
    for (const [key, s] of server) {
      const l = local.get(key);
      if (!l || l.count !== s.count || l.md5 !== s.md5)
        violations.push({
          invariant: 'device-equals-server',
          device: name,
          detail: `${lane} ${key}: server ${s.count} rows, device ${l?.count ?? 0} (cursor ${device.cursor(lane)} vs asOf ${remote.asOf})`,
        });
    }
    for (const [key, l] of local)
      if (!server.has(key) && l.count > 0)
        violations.push({
          invariant: 'no-foreign-rows',
          device: name,
          detail: `${lane} ${key}: ${l.count} rows the server does not let this user see`,
        });
  }
  const visible = new Set(visibility.patientIds);
  const foreign = await readLocal(device.dataDir, (query) => {
    const found: string[] = [];
    for (const table of patientLinkedTables)
      for (const row of query<{ patient_id: string; n: number }>(
        `SELECT patient_id, count(*) AS n FROM ${table} GROUP BY patient_id`,
      ))
        if (!visible.has(row.patient_id))
          found.push(`${table}: ${row.n} rows of ${row.patient_id}`);
    for (const table of Object.values(entityTables))
      for (const row of query<{ scope_id: string; n: number }>(
        `SELECT scope_id, count(*) AS n FROM ${table} WHERE scope_kind = 'patient' GROUP BY scope_id`,
      ))
        if (!visible.has(row.scope_id))
          found.push(`${table}: ${row.n} rows in scope ${row.scope_id}`);
    return found;
  });
  for (const detail of new Set(foreign))
    violations.push({ invariant: 'no-foreign-rows', device: name, detail });
  return violations;
}

/**
 * Nothing lost, nothing stuck: every change this device ever queued is either refused with a
 * reason and still held, or acknowledged — and then the server has its result.
 */
export async function checkOutbox(
  db: Database,
  name: string,
  device: DeviceView,
  observed: Map<string, Observed>,
): Promise<Violation[]> {
  // A device retired after repeated erasures has no store: all it queued must be on the server.
  const store = device.store();
  const violations: Violation[] = [];
  const held = new Map((store?.outbox.listUnsettled() ?? []).map((e) => [e.mutationId, e]));
  for (const entry of held.values())
    if (entry.status !== 'rejected' || !entry.rejectReason?.trim())
      violations.push({
        invariant: 'outbox-settled',
        device: name,
        detail: `seq ${entry.seq} ${entry.kind} still ${entry.status} after the network returned`,
      });
  const mine = [...observed.entries()].filter(([, o]) => o.device === name);
  const ids = mine.map(([id]) => id).filter((id) => !held.has(id));
  const results = new Map(
    (
      await db.query<{ mutation_id: string; status: string }>(
        `SELECT mutation_id::text, result->>'status' AS status FROM push_results WHERE mutation_id = ANY($1::uuid[])`,
        [ids],
      )
    ).map((r) => [r.mutation_id, r.status]),
  );
  const noteOf = (o: Observed) => (o.payload as { noteId?: string } | null)?.noteId;
  // An unsent autosave may be folded into a later one of the same note (coalescing): it is
  // kept when a later save of that note is held or was applied.
  const superseded = (index: number, o: Observed) =>
    o.kind === 'note.save' &&
    mine
      .slice(index + 1)
      .some(
        ([laterId, later]) =>
          later.kind === 'note.save' &&
          noteOf(later) === noteOf(o) &&
          (held.has(laterId) || results.has(laterId)),
      );
  for (const [index, [id, o]] of mine.entries()) {
    if (held.has(id)) continue;
    const status = results.get(id);
    if (status === undefined && superseded(index, o)) continue;
    if (status === undefined)
      violations.push({
        invariant: 'acknowledged-edit-present',
        device: name,
        detail: `${o.kind} ${id} left the outbox but the server never applied it (lost)`,
      });
    else if (status === 'rejected')
      violations.push({
        invariant: 'refusal-kept',
        device: name,
        detail: `${o.kind} ${id} was refused by the server but is no longer shown on the device`,
      });
  }
  return violations;
}

/** Exactly once: every marked text exists at most once on the server. */
export async function checkDuplicates(db: Database): Promise<Violation[]> {
  const rows = await db.query<{ source: string; text: string; n: number }>(
    `SELECT source, text, n FROM (
       SELECT 'message' AS source, body AS text, count(*)::int AS n FROM messages WHERE body LIKE 'Reply %' GROUP BY body
       UNION ALL SELECT 'comment', body, count(*)::int FROM utterance_comments WHERE body LIKE 'Comment %' GROUP BY body
       UNION ALL SELECT 'ctsr', comment, count(*)::int FROM ctsr_ratings WHERE comment LIKE 'CTS-R %' GROUP BY comment
       UNION ALL SELECT 'ticket', body, count(*)::int FROM tickets WHERE body LIKE 'Ticket %' GROUP BY body
     ) x WHERE n > 1`,
  );
  return rows.map((r) => ({
    invariant: 'exactly-once',
    device: 'server',
    detail: `${r.source} "${r.text.slice(0, 60)}" stored ${r.n} times`,
  }));
}
