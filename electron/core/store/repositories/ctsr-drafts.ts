import type { Connection } from '../connection';
import type { CtsrDraft, CtsrDrafts } from '../interface';

interface Row {
  transcript_id: string;
  patient_id: string;
  items: string;
  item_notes: string;
  comment: string;
  saved_at: string;
}

export const ctsrDraftFromRow = (row: Row): CtsrDraft => ({
  transcriptId: row.transcript_id,
  patientId: row.patient_id,
  items: JSON.parse(row.items) as (number | null)[],
  itemNotes: JSON.parse(row.item_notes) as string[],
  comment: row.comment,
  savedAt: row.saved_at,
});

export const CTSR_DRAFT_INSERT = `INSERT INTO ctsr_drafts (transcript_id, patient_id, items,
    item_notes, comment, saved_at)
  VALUES (@transcriptId, @patientId, @items, @itemNotes, @comment, @savedAt)`;

export const ctsrDraftParams = (draft: CtsrDraft) => ({
  ...draft,
  items: JSON.stringify(draft.items),
  itemNotes: JSON.stringify(draft.itemNotes),
});

/** Unfinished CTS-R ratings, one per transcript, on this device only. */
export function ctsrDrafts(db: Connection): CtsrDrafts {
  const save = db.prepare(
    `${CTSR_DRAFT_INSERT}
     ON CONFLICT (transcript_id) DO UPDATE SET items = excluded.items,
       item_notes = excluded.item_notes, comment = excluded.comment, saved_at = excluded.saved_at`,
  );
  const get = db.prepare('SELECT * FROM ctsr_drafts WHERE transcript_id = ?');
  const discard = db.prepare('DELETE FROM ctsr_drafts WHERE transcript_id = ?');
  return {
    save: (draft) => void save.run(ctsrDraftParams(draft)),
    get: (transcriptId) => {
      const row = get.get(transcriptId) as Row | undefined;
      return row ? ctsrDraftFromRow(row) : undefined;
    },
    discard: (transcriptId) => discard.run(transcriptId).changes > 0,
  };
}
