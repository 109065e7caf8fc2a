import type { Connection } from '../connection';
import type { NoteConflictCopy, NoteDraft, NoteDrafts } from '../interface';

const draftColumns = `note_id AS noteId, patient_id AS patientId, appointment_id AS appointmentId,
  kind, body, base_version AS baseVersion, saved_at AS savedAt`;

/**
 * Drafts sit beside the server's version (notes table) and never overwrite it; a newer
 * server version never overwrites a draft. What lost a race is kept as a conflict copy.
 */
export function noteDrafts(db: Connection): NoteDrafts {
  // Later autosaves keep the first base version, so a server version that arrived while
  // the therapist was typing still shows as a conflict.
  const save = db.prepare(
    `INSERT INTO note_drafts (note_id, patient_id, appointment_id, kind, body, base_version,
       saved_at) VALUES (@noteId, @patientId, @appointmentId, @kind, @body, @baseVersion, @savedAt)
     ON CONFLICT (note_id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at`,
  );
  const get = db.prepare(`SELECT ${draftColumns} FROM note_drafts WHERE note_id = ?`);
  const forPatient = db.prepare(
    `SELECT ${draftColumns} FROM note_drafts WHERE patient_id = ? ORDER BY saved_at`,
  );
  const discard = db.prepare('DELETE FROM note_drafts WHERE note_id = ?');
  const keep = db.prepare(
    `INSERT INTO note_conflict_copies (note_id, patient_id, body, version, source, saved_at)
     VALUES (@noteId, @patientId, @body, @version, @source, @savedAt)`,
  );
  // One unresolved copy per note, source and version: the same conflict reported again (a
  // later save of the same text base) updates it instead of piling up copies.
  const sameCopy = db
    .prepare(
      `SELECT id FROM note_conflict_copies WHERE note_id = @noteId AND source = @source
         AND version IS @version AND resolved_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .pluck();
  const updateCopy = db.prepare(
    'UPDATE note_conflict_copies SET body = @body, saved_at = @savedAt WHERE id = @id',
  );
  const rebase = db.prepare('UPDATE note_drafts SET base_version = ? WHERE note_id = ?');
  const copies = db.prepare(
    `SELECT id, note_id AS noteId, patient_id AS patientId, body, version, source,
       saved_at AS savedAt, resolved_at AS resolvedAt
     FROM note_conflict_copies WHERE note_id = ? ORDER BY id`,
  );
  const resolve = db.prepare('UPDATE note_conflict_copies SET resolved_at = ? WHERE id = ?');
  const inConflict = db
    .prepare('SELECT count(DISTINCT note_id) FROM note_conflict_copies WHERE resolved_at IS NULL')
    .pluck();
  return {
    save: (draft) => void save.run(draft),
    get: (noteId) => get.get(noteId) as NoteDraft | undefined,
    listForPatient: (patientId) => forPatient.all(patientId) as NoteDraft[],
    discard: (noteId) => discard.run(noteId).changes > 0,
    keepConflictCopy: (copy) => {
      const existing: unknown = sameCopy.get(copy);
      if (typeof existing === 'number') {
        updateCopy.run({ id: existing, body: copy.body, savedAt: copy.savedAt });
        return existing;
      }
      return Number(keep.run(copy).lastInsertRowid);
    },
    rebase: (noteId, baseVersion) => rebase.run(baseVersion, noteId).changes > 0,
    listConflictCopies: (noteId) => copies.all(noteId) as NoteConflictCopy[],
    resolveConflictCopy: (id, resolvedAt) => void resolve.run(resolvedAt, id),
    countNotesInConflict: () => Number(inConflict.get()),
  };
}
