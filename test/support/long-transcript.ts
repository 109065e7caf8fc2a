import { randomUUID } from 'node:crypto';
import type { Database } from '../../server/db/database';
import { touchFeed } from '../../server/sync/feed';

/** One session's transcript, as arranged on the server. */
export interface ArrangedTranscript {
  transcriptId: string;
  patientId: string;
  patientName: string;
  startedAt: string;
  utterances: number;
}

/**
 * Gives one of a demo therapist's transcripts exactly `utterances` lines before a device
 * syncs (a stress case: the seed's sessions have 80–250): the session's own lines repeated
 * in order, a few seconds apart, with `plant` replacing the text at chosen sequence numbers
 * (words a test then looks for). `nth` picks among the therapist's transcripts of active
 * patients, in a stable order (case reference, then start), so two calls arrange two sessions.
 * Published to the feed as the server's own writes are.
 */
export async function arrangeTranscriptLength(
  db: Database,
  options: {
    therapist: string;
    nth: number;
    utterances: number;
    plant?: Readonly<Record<number, string>>;
  },
): Promise<ArrangedTranscript> {
  const rows = await db.query<{
    id: string;
    patient_id: string;
    org_id: string;
    name: string;
    started_at: Date | string;
  }>(
    `SELECT t.id, t.patient_id, p.org_id, p.given_name || ' ' || p.family_name AS name, t.started_at
       FROM transcripts t JOIN patients p ON p.id = t.patient_id JOIN users u ON u.id = t.therapist_id
      WHERE u.display_name = $1 AND p.status = 'active'
      ORDER BY p.case_reference, t.started_at, t.id
      OFFSET $2 LIMIT 1`,
    [options.therapist, options.nth],
  );
  const t = rows[0];
  if (!t) throw new Error(`${options.therapist} has no transcript #${options.nth}`);
  const own = await db.query<{ speaker: string; text: string }>(
    'SELECT speaker, text FROM utterances WHERE transcript_id = $1 ORDER BY seq',
    [t.id],
  );
  if (own.length === 0) throw new Error(`transcript ${t.id} has no lines to repeat`);
  const startedMs = new Date(t.started_at).getTime();
  const ids: string[] = [];
  const seqs: number[] = [];
  const speakers: string[] = [];
  const texts: string[] = [];
  const sentAt: string[] = [];
  for (let seq = 0; seq < options.utterances; seq++) {
    const line = own[seq % own.length] ?? { speaker: 'therapist', text: '…' };
    ids.push(randomUUID());
    seqs.push(seq);
    speakers.push(line.speaker);
    texts.push(options.plant?.[seq] ?? line.text);
    sentAt.push(new Date(startedMs + (seq + 1) * 1_500).toISOString());
  }
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM utterances WHERE transcript_id = $1', [t.id]);
    await tx.query(
      `INSERT INTO utterances (id, transcript_id, seq, speaker, text, sent_at)
       SELECT u.id, $1, u.seq, u.speaker, u.text, u.sent_at
         FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[])
           AS u(id, seq, speaker, text, sent_at)`,
      [t.id, ids, seqs, speakers, texts, sentAt],
    );
    await touchFeed(tx, {
      entity: 'transcript',
      id: t.id,
      orgId: t.org_id,
      patientId: t.patient_id,
      therapistId: null,
    });
  });
  return {
    transcriptId: t.id,
    patientId: t.patient_id,
    patientName: t.name,
    startedAt: new Date(startedMs).toISOString(),
    utterances: options.utterances,
  };
}
