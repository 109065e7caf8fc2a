import type { Lane } from '../../../shared/api';
import { entityTables } from '../../../electron/core/store/entity-tables';
import type { Store } from '../../../electron/core/store';
import type { Database } from '../../../server/db/database';
import { visibilityOf } from '../../../server/sync/visibility';
import { readLocal } from '../support/local-db';

/**
 * "The cursor matches the data", checked against the server's feed: every row the user may
 * see whose latest change is at or before the device's cursor is held at exactly that
 * version (a page is never half applied, nor its cursor stored without it). Rows the feed
 * re-published later keep their versions, so a row held ahead of the cursor proves nothing.
 */
export async function cursorMismatches(
  db: Database,
  userId: string,
  dataDir: string,
  store: Store,
): Promise<string[]> {
  const [user] = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE id = $1', [
    userId,
  ]);
  const visibility = await visibilityOf(db, { id: userId, orgId: user?.org_id ?? '' });
  const local = await readLocal(dataDir, (query) => {
    const rows = new Map<string, number | null>();
    for (const [entity, table] of Object.entries(entityTables))
      for (const r of query<{ id: string; version: number | null }>(
        `SELECT id, version FROM ${table}`,
      ))
        rows.set(`${entity}:${r.id}`, r.version);
    const drafts = new Set(
      query<{ note_id: string }>('SELECT note_id FROM note_drafts').map((r) => `note:${r.note_id}`),
    );
    return { rows, drafts };
  });
  const problems: string[] = [];
  for (const lane of ['core', 'transcripts'] as Lane[]) {
    const cursor = Number(store.cursors.get(lane) ?? 0);
    const feed = await db.query<{
      entity: string;
      id: string;
      version: number;
      cursor: string;
      visible: boolean;
      deleted: boolean;
    }>(
      `SELECT entity, id::text, version, cursor::text, deleted,
              (patient_id = ANY($2::uuid[]) OR (patient_id IS NULL AND therapist_id = ANY($3::uuid[]))
               OR (patient_id IS NULL AND therapist_id IS NULL AND org_id = $4)) AS visible
         FROM sync_feed WHERE lane = $1`,
      [lane, visibility.patientIds, visibility.therapistIds, visibility.orgId],
    );
    for (const row of feed) {
      const key = `${row.entity}:${row.id}`;
      const held = local.rows.get(key);
      if (held === null || local.drafts.has(key)) continue; // a pending local change wins
      const before = Number(row.cursor) <= cursor;
      if (before && row.visible && !row.deleted && held !== row.version)
        problems.push(
          `${lane}: ${key} v${row.version} at ${row.cursor} ≤ cursor ${cursor}, held v${held ?? 'none'}`,
        );
    }
  }
  return problems.slice(0, 10);
}

/** The highest autosave number this device or the server still has for the note. */
export async function latestAutosave(db: Database, store: Store, noteId: string): Promise<number> {
  const numberOf = (body: unknown) =>
    typeof body === 'string' ? Number(/^autosave (\d+):/.exec(body)?.[1] ?? 0) : 0;
  const draft = numberOf(store.noteDrafts.get(noteId)?.body);
  const queued = store.outbox
    .listUnsettled()
    .filter((e) => e.kind === 'note.save')
    .map((e) => numberOf((e.payload as { body?: unknown } | null)?.body));
  const [server] = await db.query<{ body: string }>('SELECT body FROM notes WHERE id = $1', [
    noteId,
  ]);
  return Math.max(draft, numberOf(server?.body), ...queued);
}
