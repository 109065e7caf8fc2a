import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * The full-text index hands back rows in rowid order, and search reads it backwards and stops
 * at its limit (so a common word costs no more than a rare one). For "newest lines first" to
 * mean the newest *sessions*, an utterance's rowid is ordered by when its session started, not
 * by when this device happened to store it (a new supervisee's whole history arrives after this
 * week's sessions; a rewritten transcript is stored again):
 *
 *   rowid = (seconds from 2000-01-01 to the session's start) · 2^22 + slot · 2^16 + line
 *
 * `line` is the utterance's place in its session (at most 65,536 lines: a typed session holds
 * a few thousand), `slot` tells apart up to 64 sessions starting in the same second (sessions
 * start on the hour); when a second's slots are taken the session takes a free slot of a
 * second before it, a second's difference nobody sees. Rowids stay below 2^53 until 2068, so
 * JavaScript numbers hold them exactly; they lie far above the small rowids of stores written
 * before this order (migration 7 moves those). Each transcript keeps its base (`transcripts.search_base`) while its start
 * does not change, so rewriting one does not move it.
 */
export const LINE_BITS = 16;
const SLOT_BITS = 6;
const SECOND = 2 ** (LINE_BITS + SLOT_BITS);
const SLOT = 2 ** LINE_BITS;
const EPOCH_SECONDS = Date.UTC(2000, 0, 1) / 1000;
/** How far back a session may borrow a free slot (an hour of seconds). */
const SECONDS_TO_TRY = 3_600;

export type SearchBaseOf = (transcriptId: string, startedAt: string) => number;

/**
 * The search base of a transcript about to be (re)written: its own while its start is the
 * same, otherwise the first free slot of its start's second (or of a second just before).
 */
export function searchBaseAllocator(db: Database): SearchBaseOf {
  const own = db.prepare(
    'SELECT search_base AS base, started_at AS startedAt FROM transcripts WHERE id = ?',
  );
  const highestIn = db
    .prepare(
      'SELECT max(search_base) FROM transcripts WHERE search_base >= ? AND search_base < ? AND id <> ?',
    )
    .pluck();
  return (transcriptId, startedAt) => {
    const mine = own.get(transcriptId) as { base: number | null; startedAt: string } | undefined;
    if (mine && mine.base !== null && mine.startedAt === startedAt) return mine.base;
    const second = Math.floor(Date.parse(startedAt) / 1000) - EPOCH_SECONDS;
    if (!Number.isFinite(second)) throw new Error(`a transcript starts at no time: ${startedAt}`);
    for (let s = second; s > second - SECONDS_TO_TRY; s--) {
      const from = s * SECOND;
      const top = highestIn.get(from, from + SECOND, transcriptId) as number | null;
      if (top === null) return from;
      if (top + SLOT < from + SECOND) return top + SLOT;
    }
    throw new Error(
      `more than ${64 * SECONDS_TO_TRY} sessions start within the hour before ${startedAt}`,
    );
  };
}
