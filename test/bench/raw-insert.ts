/**
 * The local limit: how fast N synthetic utterances go straight into the encrypted schema,
 * full-text indexed as the app's writer indexes them (each transcript's lines in one statement
 * after they are stored), in one transaction, in one process, with no sync machinery.
 * The sync benchmark divides its rows/s by this figure (sync.initial.ratio_to_raw_insert).
 * Not a test.
 *
 *   npx tsx test/bench/raw-insert.ts [utterances=400000]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Transcript } from '../../shared/api';
import { openEncryptedConnection } from '../../electron/core/store/connection';
import { migrate } from '../../electron/core/store/migrations';
import { openStore } from '../../electron/core/store';

export interface RawInsertResult {
  readonly rows: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
}

/**
 * Insert the utterances of `transcripts` (and their headers) into a new encrypted store at
 * `path`, in one transaction, with plain prepared statements, indexed for search: the local
 * limit. The sync benchmark calls this with the same transcripts it pulled, to compute its
 * ratio.
 */
export function rawInsertTranscripts(
  path: string,
  key: Buffer,
  transcripts: readonly Transcript[],
): RawInsertResult {
  const db = openEncryptedConnection(path, key, undefined);
  try {
    migrate(db);
    const header = db.prepare(
      `INSERT INTO transcripts (id, version, scope_kind, scope_id, patient_id, appointment_id,
         therapist_id, started_at) VALUES (?, 1, 'patient', ?, ?, ?, ?, ?)`,
    );
    const utterance = db.prepare(
      `INSERT INTO utterances (id, transcript_id, seq, speaker, text, sent_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const index = db.prepare(
      `INSERT INTO utterance_search (rowid, text)
       SELECT local_id, text FROM utterances WHERE transcript_id = ?`,
    );
    let rows = 0;
    const started = process.hrtime.bigint();
    db.transaction(() => {
      for (const t of transcripts) {
        header.run(t.id, t.patientId, t.patientId, t.appointmentId, t.therapistId, t.startedAt);
        for (const u of t.utterances) {
          utterance.run(u.id, t.id, u.seq, u.speaker, u.text, u.sentAt);
          rows += 1;
        }
        index.run(t.id);
      }
    })();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { rows, seconds, rowsPerSecond: Math.round(rows / seconds) };
  } finally {
    db.close();
  }
}

// Typed sessions: a few hundred everyday words carry most of the text, and a long tail
// (names of places, activities, feelings) carries the rest — Zipf-like, as real text is.
const common = (
  'i you the a and to it that was feel felt think thought about work week when so but not ' +
  'really just like anxious avoid emails sleep badly racing heart panic supermarket trains ' +
  'homework diary activity schedule mood low tired worried family friends evening morning ' +
  'weekend noticed helped tried again better worse session breathing exercise behavioural ' +
  'experiment prediction evidence balanced rating'
).split(' ');
let state = 12345;
const next = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff);
const syllables = ['ka', 'lo', 'mi', 'ren', 'sto', 'vel', 'dar', 'nu', 'pe', 'tor', 'gri', 'shan'];
const rareWord = (rank: number): string =>
  [rank % 12, Math.floor(rank / 12) % 12, Math.floor(rank / 144) % 12]
    .map((i) => syllables[i])
    .join('');
const pick = (): string => {
  const r = next();
  if (r % 10 < 7) return common[r % common.length] ?? 'word';
  // The tail: rank ~ 1/u, over 1,700 rarer words.
  const u = ((r >> 4) % 10_000) / 10_000 + 1e-4;
  return rareWord(Math.min(1727, Math.floor(1 / u)));
};
const sentence = (): string => Array.from({ length: 6 + (next() % 20) }, pick).join(' ');

/** `total` synthetic utterances in transcripts of 200 (a typed session is 80–150). */
export function syntheticTranscripts(total: number, perTranscript = 200): Transcript[] {
  const sentAt = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const transcripts: Transcript[] = [];
  for (let first = 0; first < total; first += perTranscript) {
    const n = transcripts.length;
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    transcripts.push({
      id,
      appointmentId: id,
      patientId: `00000000-0000-4000-9000-${String(n % 250).padStart(12, '0')}`,
      therapistId: '00000000-0000-4000-a000-000000000001',
      startedAt: sentAt,
      utterances: Array.from({ length: Math.min(perTranscript, total - first) }, (_, seq) => ({
        id: `00000000-0000-4000-b000-${String(first + seq).padStart(12, '0')}`,
        seq,
        speaker: seq % 2 === 0 ? ('therapist' as const) : ('patient' as const),
        text: sentence(),
        sentAt,
      })),
    });
  }
  return transcripts;
}

function main(): void {
  const total = Number(process.argv[2] ?? 400_000);
  const directory = mkdtempSync(join(tmpdir(), 'raw-insert-'));
  const key = randomBytes(32);
  const path = join(directory, 'store.db');
  try {
    // Text is generated before the clock starts: we time SQLite and the cipher only.
    const inserted = rawInsertTranscripts(path, key, syntheticTranscripts(total));

    // What a user feels afterwards: reopening with the page check, and searching.
    const openStarted = process.hrtime.bigint();
    const { store } = openStore({ directory, key: Buffer.from(key), quickCheckOnOpen: 'always' });
    const openMs = Number(process.hrtime.bigint() - openStarted) / 1e6;
    const searchMs: number[] = [];
    const queries = [
      'supermarket',
      'panic trains',
      'behavioural exp',
      'balanced rating',
      'sleep',
      'lomiren',
      'velkasto',
      'the',
    ];
    for (const query of queries) {
      for (let r = 0; r < 5; r += 1) {
        const t = process.hrtime.bigint();
        store.transcripts.search(query, 20);
        searchMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }
    searchMs.sort((a, b) => a - b);
    store.close();

    const result = {
      'raw_insert.utterances': inserted.rows,
      'raw_insert.seconds': Number(inserted.seconds.toFixed(2)),
      'raw_insert.rows_per_s': inserted.rowsPerSecond,
      'store.file_mb': Number((statSync(path).size / 2 ** 20).toFixed(1)),
      'store.open_with_quick_check_ms': Math.round(openMs),
      'query.fts_median_ms': Number((searchMs[Math.floor(searchMs.length / 2)] ?? 0).toFixed(2)),
    };
    for (const [name, value] of Object.entries(result)) console.log(`${name.padEnd(34)} ${value}`);
    console.log(JSON.stringify(result));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  main();
