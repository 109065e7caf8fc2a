import type { Connection } from '../connection';
import { scopeKey } from '../entity-tables';
import type {
  CachedRecord,
  TranscriptHeader,
  TranscriptQueries,
  UtteranceRow,
  UtteranceSearchHit,
} from '../interface';

/**
 * The user's words become FTS5 string literals (quotes doubled), ANDed, the last one a
 * prefix so results follow typing: no FTS syntax typed in the UI reaches MATCH.
 */
export function searchQueryOf(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .map((term) => term.replace(/[^\p{L}\p{N}'-]/gu, ''))
    .filter((term) => term.length > 0);
  if (terms.length === 0) return null;
  return terms
    .map((term, i) => `"${term.replace(/"/g, '""')}"${i === terms.length - 1 ? '*' : ''}`)
    .join(' ');
}

export interface TranscriptWriter {
  /** Replace a transcript: header and every utterance (the feed sends it whole). */
  put(record: CachedRecord<'transcript'>): void;
  remove(id: string): boolean;
}

export function transcriptWriter(db: Connection): TranscriptWriter {
  const putHeader = db.prepare(
    `INSERT INTO transcripts (id, version, scope_kind, scope_id, patient_id, appointment_id,
       therapist_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version,
       scope_kind = excluded.scope_kind, scope_id = excluded.scope_id,
       patient_id = excluded.patient_id, appointment_id = excluded.appointment_id,
       therapist_id = excluded.therapist_id, started_at = excluded.started_at`,
  );
  const currentVersion = db.prepare('SELECT version FROM transcripts WHERE id = ?').pluck();
  const removeUtterances = db.prepare('DELETE FROM utterances WHERE transcript_id = ?');
  const removeHeader = db.prepare('DELETE FROM transcripts WHERE id = ?');
  const putUtterance = db.prepare(
    `INSERT INTO utterances (id, transcript_id, seq, speaker, text, sent_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  // The lines just stored, indexed in one statement: row by row through a trigger, the index's
  // writes interleave with the table's and the page takes about twice as long.
  const indexLines = db.prepare(
    `INSERT INTO utterance_search (rowid, text)
     SELECT local_id, text FROM utterances WHERE transcript_id = ?`,
  );
  const write = (record: CachedRecord<'transcript'>): void => {
    const stored = currentVersion.get(record.id);
    // Never go back to an older server version (a replayed page).
    if (typeof stored === 'number' && record.version !== null && record.version < stored) return;
    const { data } = record;
    const [kind, scopeId] = scopeKey(record.scope);
    // Utterances of a changed transcript are rewritten: clearing first keeps the
    // (transcript_id, seq) uniqueness and the search index exact.
    if (stored !== undefined) removeUtterances.run(record.id);
    putHeader.run(
      record.id,
      record.version,
      kind,
      scopeId,
      data.patientId,
      data.appointmentId,
      data.therapistId,
      data.startedAt,
    );
    for (const u of data.utterances) {
      putUtterance.run(u.id, record.id, u.seq, u.speaker, u.text, u.sentAt);
    }
    if (data.utterances.length > 0) indexLines.run(record.id);
  };
  const writeAlone = db.transaction(write);
  const remove = db.transaction((id: string) => {
    removeUtterances.run(id);
    return removeHeader.run(id).changes > 0;
  });
  return {
    // Inside a page's transaction already: no savepoint per transcript (it costs a third of
    // the insert rate); on its own, one transaction.
    put: (record) => (db.inTransaction ? write(record) : writeAlone(record)),
    remove: (id) => remove(id),
  };
}

const headerColumns = `t.id, t.version, t.patient_id AS patientId,
  t.appointment_id AS appointmentId, t.therapist_id AS therapistId, t.started_at AS startedAt,
  (SELECT count(*) FROM utterances AS u WHERE u.transcript_id = t.id) AS utteranceCount`;

export function transcriptQueries(db: Connection): TranscriptQueries {
  const get = db.prepare(`SELECT ${headerColumns} FROM transcripts AS t WHERE t.id = ?`);
  const forPatient = db.prepare(
    `SELECT ${headerColumns} FROM transcripts AS t WHERE t.patient_id = ? ORDER BY t.started_at`,
  );
  const page = db.prepare(
    `SELECT id, transcript_id AS transcriptId, seq, speaker, text, sent_at AS sentAt
     FROM utterances WHERE transcript_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const countUtterances = db.prepare('SELECT count(*) FROM utterances').pluck();
  const search = db.prepare(
    `SELECT u.id AS utteranceId, u.transcript_id AS transcriptId, t.patient_id AS patientId,
       u.seq AS seq, u.speaker AS speaker, u.text AS text, t.started_at AS sessionStartedAt
     FROM utterance_search
     JOIN utterances AS u ON u.local_id = utterance_search.rowid
     JOIN transcripts AS t ON t.id = u.transcript_id
     WHERE utterance_search MATCH ? ORDER BY utterance_search.rowid DESC LIMIT ?`,
  );
  const optimize = db.prepare(
    "INSERT INTO utterance_search (utterance_search) VALUES ('optimize')",
  );

  return {
    get: (id) => get.get(id) as TranscriptHeader | undefined,
    listForPatient: (patientId) => forPatient.all(patientId) as TranscriptHeader[],
    utterancePage: (transcriptId, afterSeq, limit) =>
      page.all(transcriptId, afterSeq, limit) as UtteranceRow[],
    countUtterances: () => Number(countUtterances.get()),
    search: (text, limit) => {
      const query = searchQueryOf(text);
      return query === null ? [] : (search.all(query, limit) as UtteranceSearchHit[]);
    },
    compactSearchIndex: () => void optimize.run(),
  };
}
