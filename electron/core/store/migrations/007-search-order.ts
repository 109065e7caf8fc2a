import type { Database } from 'better-sqlite3-multiple-ciphers';
import { searchBaseAllocator } from '../repositories/search-order';

/**
 * Migration 7: search lists the newest sessions first (repositories/search-order.ts). Each
 * transcript gets its search base; its utterances move to rowids ordered by their session's
 * start and their place in it; the full-text index is rebuilt from them. Old rowids are small
 * (1, 2, 3…) and the new ones lie far above them, so no move meets another row.
 */
export function searchOrderMigration(db: Database): void {
  db.exec(`
    ALTER TABLE transcripts ADD COLUMN search_base INTEGER;
    CREATE UNIQUE INDEX transcripts_by_search_base ON transcripts (search_base);
  `);
  const baseOf = searchBaseAllocator(db);
  const setBase = db.prepare('UPDATE transcripts SET search_base = ? WHERE id = ?');
  const linesOf = db
    .prepare('SELECT local_id FROM utterances WHERE transcript_id = ? ORDER BY seq')
    .pluck();
  const move = db.prepare('UPDATE utterances SET local_id = ? WHERE local_id = ?');
  const transcripts = db
    .prepare('SELECT id, started_at AS startedAt FROM transcripts ORDER BY started_at, id')
    .all() as { id: string; startedAt: string }[];
  for (const t of transcripts) {
    const base = baseOf(t.id, t.startedAt);
    setBase.run(base, t.id);
    (linesOf.all(t.id) as number[]).forEach((localId, line) => move.run(base + line, localId));
  }
  db.exec("INSERT INTO utterance_search (utterance_search) VALUES ('rebuild')");
}
