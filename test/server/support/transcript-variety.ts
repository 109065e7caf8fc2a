import type { Queryable } from '../../../server/db/database';

/** A line of at most this many words ("Yes, that makes sense.") may recur: people type them so. */
export const SHORT_LINE_WORDS = 4;

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z’']+/g) ?? [];

/** Distinct texts over lines. */
const distinctShare = (texts: string[]) =>
  texts.length === 0 ? 1 : new Set(texts).size / texts.length;

/** Jaccard overlap of two sets of words. */
const overlap = (a: Set<string>, b: Set<string>) => {
  let both = 0;
  for (const w of a) if (b.has(w)) both++;
  return both / (a.size + b.size - both || 1);
};

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / (xs.length || 1);

/**
 * How varied the seeded transcripts read to the people who read them: for every demo account
 * (a therapist: their own patients' sessions; a supervisor: every current supervisee's) and
 * across the demo, the share of utterance texts that are distinct; the lines (longer than
 * SHORT_LINE_WORDS words) found in the most transcripts; and whether a patient's sessions hang
 * together — the words two sessions of one patient share, against two sessions of different
 * patients with the same problem descriptor.
 */
export const transcriptVariety = async (db: Queryable) => {
  const rows = await db.query<{
    transcript_id: string;
    patient_id: string;
    therapist_id: string;
    problem: string;
    text: string;
  }>(
    `SELECT t.id AS transcript_id, t.patient_id, p.therapist_id, e.problem_descriptor AS problem, u.text
       FROM utterances u JOIN transcripts t ON t.id = u.transcript_id
       JOIN patients p ON p.id = t.patient_id JOIN episodes e ON e.patient_id = p.id
      ORDER BY t.id, u.seq`,
  );
  const staff = await db.query<{ id: string; display_name: string; role: string }>(
    `SELECT id, display_name, role FROM users WHERE role <> 'admin' ORDER BY display_name`,
  );
  const supervisees = await db.query<{ supervisor_id: string; therapist_id: string }>(
    'SELECT supervisor_id, therapist_id FROM supervision_assignments WHERE valid_to IS NULL',
  );
  const transcripts = new Map<
    string,
    { patientId: string; therapistId: string; problem: string; texts: string[] }
  >();
  for (const r of rows) {
    const t = transcripts.get(r.transcript_id) ?? {
      patientId: r.patient_id,
      therapistId: r.therapist_id,
      problem: r.problem,
      texts: [],
    };
    t.texts.push(r.text);
    transcripts.set(r.transcript_id, t);
  }
  const all = [...transcripts.values()];

  const accounts = staff.map((user) => {
    const therapists = new Set([
      user.id,
      ...supervisees.filter((s) => s.supervisor_id === user.id).map((s) => s.therapist_id),
    ]);
    const read = all.filter((t) => therapists.has(t.therapistId));
    return {
      name: user.display_name,
      role: user.role,
      transcripts: read.length,
      distinctShare: distinctShare(read.flatMap((t) => t.texts)),
    };
  });

  // In how many transcripts each longer line appears.
  const seenIn = new Map<string, number>();
  let shortLines = 0;
  for (const t of all)
    for (const text of new Set(t.texts)) {
      if (wordsOf(text).length <= SHORT_LINE_WORDS) continue;
      seenIn.set(text, (seenIn.get(text) ?? 0) + 1);
    }
  for (const t of all)
    shortLines += t.texts.filter((x) => wordsOf(x).length <= SHORT_LINE_WORDS).length;
  const mostRecurring = [...seenIn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([text, n]) => ({ text, share: n / all.length }));

  // Words of six letters or more: what a session is about, not how sentences are built.
  const vocabulary = all.map((t) => ({
    ...t,
    words: new Set(t.texts.flatMap(wordsOf).filter((w) => w.length >= 6)),
  }));
  const samePatient: number[] = [];
  const otherPatient: number[] = [];
  for (let i = 0; i < vocabulary.length; i++)
    for (let j = i + 1; j < vocabulary.length; j++) {
      const a = vocabulary[i];
      const b = vocabulary[j];
      if (!a || !b || a.problem !== b.problem) continue;
      (a.patientId === b.patientId ? samePatient : otherPatient).push(overlap(a.words, b.words));
    }

  const lines = all.flatMap((t) => t.texts);
  return {
    transcripts: all.length,
    lines: lines.length,
    meanLineLength: mean(lines.map((l) => l.length)),
    /** Distinct lines over lines across the whole demo. */
    distinctShare: distinctShare(lines),
    shortLineShare: shortLines / (lines.length || 1),
    accounts,
    /** Lines longer than SHORT_LINE_WORDS words, by the share of transcripts they appear in. */
    mostRecurring,
    /** Mean word overlap of two sessions of one patient, and of two patients with one problem. */
    samePatientOverlap: mean(samePatient),
    otherPatientOverlap: mean(otherPatient),
  };
};
