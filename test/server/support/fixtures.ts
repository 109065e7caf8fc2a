import { randomUUID } from 'node:crypto';
import type { Mutation } from '../../../shared/api';
import type { Queryable } from '../../../server/db/database';

export interface PatientRecords {
  patientId: string;
  appointmentId: string;
  transcriptId: string;
  utteranceId: string;
  ticketId: string;
  noteId: string;
  /** The patient's latest episode (absent: a random id, as for records nobody has). */
  episodeId?: string;
}

/** One active patient of a therapist who has a transcript, an open ticket and a note. */
export const recordsOf = async (db: Queryable, therapistId: string): Promise<PatientRecords> => {
  const [row] = await db.query<PatientRecords>(
    `SELECT p.id AS "patientId", t.appointment_id AS "appointmentId", t.id AS "transcriptId",
            (SELECT u.id FROM utterances u WHERE u.transcript_id = t.id ORDER BY seq LIMIT 1) AS "utteranceId",
            (SELECT k.id FROM tickets k WHERE k.patient_id = p.id ORDER BY k.state = 'open' DESC, k.id LIMIT 1) AS "ticketId",
            (SELECT n.id FROM notes n WHERE n.patient_id = p.id ORDER BY n.id LIMIT 1) AS "noteId",
            (SELECT e.id FROM episodes e WHERE e.patient_id = p.id ORDER BY e.opened_at DESC LIMIT 1) AS "episodeId"
       FROM patients p JOIN transcripts t ON t.patient_id = p.id
      WHERE p.therapist_id = $1 AND p.status = 'active'
        AND EXISTS (SELECT 1 FROM tickets k WHERE k.patient_id = p.id) AND EXISTS (SELECT 1 FROM notes n WHERE n.patient_id = p.id)
      ORDER BY p.case_reference, t.started_at LIMIT 1`,
    [therapistId],
  );
  if (!row) throw new Error(`therapist ${therapistId} has no suitable patient`);
  return row;
};

export const patientIdsOf = async (db: Queryable, therapistIds: string[]) =>
  (
    await db.query<{ id: string }>(
      'SELECT id FROM patients WHERE therapist_id = ANY($1::uuid[]) ORDER BY id',
      [therapistIds],
    )
  ).map((r) => r.id);

export const userIdOf = async (db: Queryable, email: string) => {
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
};

type Draft = Omit<Mutation, 'seq' | 'id'>;

/** Every mutation kind aimed at someone's patient records (workAbroad.declare has no target). */
export const mutationsAgainst = (r: PatientRecords): Draft[] => [
  {
    kind: 'message.send',
    payload: { messageId: randomUUID(), patientId: r.patientId, body: 'Hello' },
  },
  {
    kind: 'note.save',
    payload: {
      noteId: randomUUID(),
      patientId: r.patientId,
      appointmentId: r.appointmentId,
      kind: 'session_note',
      body: 'x',
      baseVersion: null,
    },
  },
  {
    kind: 'note.save',
    payload: {
      noteId: r.noteId,
      patientId: r.patientId,
      appointmentId: null,
      kind: 'session_note',
      body: 'overwrite',
      baseVersion: 1,
    },
  },
  { kind: 'note.submit', payload: { noteId: r.noteId, baseVersion: 1 } },
  {
    kind: 'appointment.recordOutcome',
    payload: {
      appointmentId: r.appointmentId,
      outcome: 'dna',
      cancelledAt: null,
      cancelledBy: null,
      baseVersion: 1,
    },
  },
  {
    kind: 'measure.record',
    payload: {
      measureId: randomUUID(),
      patientId: r.patientId,
      appointmentId: null,
      kind: 'GAD7',
      items: null,
      total: 9,
      recordedAt: new Date().toISOString(),
    },
  },
  {
    kind: 'ticket.raise',
    payload: { ticketId: randomUUID(), patientId: r.patientId, type: 'non_urgent_risk', body: 'x' },
  },
  { kind: 'ticket.decide', payload: { ticketId: r.ticketId, decision: 'approve', comment: 'ok' } },
  {
    kind: 'utterance.comment',
    payload: {
      commentId: randomUUID(),
      transcriptId: r.transcriptId,
      utteranceId: r.utteranceId,
      body: 'x',
    },
  },
  {
    kind: 'ctsr.rate',
    payload: {
      ratingId: randomUUID(),
      transcriptId: r.transcriptId,
      items: Array(12).fill(3),
      comment: 'x',
    },
  },
  {
    kind: 'audit.record',
    payload: {
      eventId: randomUUID(),
      action: 'open_patient',
      patientId: r.patientId,
      entityId: null,
      occurredAt: new Date().toISOString(),
      country: 'GB',
    },
  },
  {
    kind: 'emergencyContact.set',
    payload: {
      contactId: randomUUID(),
      patientId: r.patientId,
      name: 'A Person',
      phone: '07700 900111',
      relationship: 'friend',
      localEmergencyNumber: '112',
    },
  },
  {
    kind: 'appointment.book',
    payload: {
      appointmentId: randomUUID(),
      patientId: r.patientId,
      episodeId: r.episodeId ?? randomUUID(),
      kind: 'assessment',
      durationMinutes: 60,
      startsAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
    },
  },
];

/** A count of every patient-record table, to prove that refused writes changed nothing. */
export const recordCounts = async (db: Queryable) => {
  const tables = [
    'messages',
    'notes',
    'note_revisions',
    'measures',
    'tickets',
    'utterance_comments',
    'ctsr_ratings',
    'audit_events',
    'emergency_contacts',
  ];
  const [row] = await db.query<Record<string, number>>(
    `SELECT ${tables.map((t) => `(SELECT count(*)::int8 FROM ${t}) AS ${t}`).join(', ')}`,
  );
  const [fingerprint] = await db.query<{ f: string }>(
    `SELECT md5(string_agg(id::text || coalesce(outcome, '') || coalesce(body, ''), ',' ORDER BY id)) AS f FROM
       (SELECT id, outcome, NULL AS body FROM appointments UNION ALL SELECT id, state, body FROM tickets UNION ALL SELECT id, status, body FROM notes) x`,
  );
  return { ...row, fingerprint: fingerprint?.f };
};
