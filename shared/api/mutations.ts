import { z } from 'zod';
import {
  CountryCode,
  IsoDate,
  IsoDateTime,
  UnicodeText,
  Uuid,
  Version,
  withServerTime,
} from './common';
import { ctsrItemNotes, ctsrSubmittedScores } from '../clinical/ctsr';
import { ticketDecisionNeedsReason } from '../clinical/ticket-decisions';
import {
  AppointmentOutcome,
  CancelledBy,
  MeasureKind,
  NoteKind,
  TicketDecisionKind,
  TicketType,
  entitySchemas,
} from './entities';

/** Typed text that must say something. */
const text = (max: number) => UnicodeText.trim().min(1).max(max);
/** Typed text that may be empty. */
const optionalText = (max: number) => UnicodeText.max(max);

/** Mutation kind → payload. Ids are client-generated UUIDs so optimistic rows keep their id. */
export const mutationPayloads = {
  /** `writtenAt`: when the therapist wrote it (a reply meets its deadline then, once delivered). */
  'message.send': z.strictObject({
    messageId: Uuid,
    patientId: Uuid,
    body: text(10_000),
    writtenAt: IsoDateTime.optional(),
  }),
  /** Draft autosave. `baseVersion` is the version the edit started from (null: a new note). */
  'note.save': z.strictObject({
    noteId: Uuid,
    patientId: Uuid,
    appointmentId: Uuid.nullable(),
    kind: NoteKind,
    body: optionalText(100_000),
    baseVersion: Version.nullable(),
  }),
  /**
   * `baseVersion`: the server version this device's edits started from (null: a note new on
   * this device). Revisions this device made since do not conflict; another device's do.
   */
  'note.submit': z.strictObject({ noteId: Uuid, baseVersion: Version.nullable() }),
  /**
   * `outcome` is what the client computed from the facts (shared/clinical decideOutcome); the
   * server computes it again and refuses a contradiction. A cancellation carries when and by
   * whom; `baseVersion` is the appointment version the therapist recorded it against: if the
   * appointment changed since on another device, the answer is a conflict, never an overwrite.
   */
  'appointment.recordOutcome': z.strictObject({
    appointmentId: Uuid,
    outcome: AppointmentOutcome,
    cancelledAt: IsoDateTime.nullable(),
    cancelledBy: CancelledBy.nullable(),
    baseVersion: z.int().positive(),
  }),
  /**
   * Book a session in the patient's open episode. The server checks it again with the same
   * rule the device used (shared/clinical bookingRule: lengths, the step 2 limit, a future
   * start, no double-booking of the therapist) and refuses with the reason in words.
   */
  'appointment.book': z.strictObject({
    appointmentId: Uuid,
    patientId: Uuid,
    episodeId: Uuid,
    kind: z.enum(['assessment', 'treatment']),
    durationMinutes: z.union([z.literal(60), z.literal(45), z.literal(30)]),
    startsAt: IsoDateTime,
  }),
  'measure.record': z.strictObject({
    measureId: Uuid,
    patientId: Uuid,
    appointmentId: Uuid.nullable(),
    kind: MeasureKind,
    items: z.array(z.int().min(0).max(8)).max(30).nullable(),
    total: z.int().min(0).max(200),
    recordedAt: IsoDateTime,
  }),
  'ticket.raise': z.strictObject({
    ticketId: Uuid,
    patientId: Uuid,
    type: TicketType,
    body: text(20_000),
  }),
  /** A decline or a request for more needs a reason for the therapist (the comment). */
  'ticket.decide': z
    .strictObject({
      ticketId: Uuid,
      decision: TicketDecisionKind,
      comment: optionalText(20_000),
    })
    .superRefine((p, ctx) => {
      const missing = ticketDecisionNeedsReason(p.decision, p.comment);
      if (missing) ctx.addIssue({ code: 'custom', path: ['comment'], message: missing });
    }),
  'utterance.comment': z.strictObject({
    commentId: Uuid,
    transcriptId: Uuid,
    utteranceId: Uuid,
    body: text(10_000),
  }),
  /**
   * Every item scored 0–6: an unscored item (null) is refused with the items named, never
   * counted as 0. `itemNotes`: one per item ('' for none; absent from older clients).
   */
  'ctsr.rate': z.strictObject({
    ratingId: Uuid,
    transcriptId: Uuid,
    items: ctsrSubmittedScores,
    itemNotes: ctsrItemNotes(5_000).optional(),
    comment: optionalText(20_000),
  }),
  /**
   * Who opened what, when, where: recorded offline and synced. A `location_decision` is the
   * device deciding the approved-country rule (patient data allowed or locked), with what it
   * decided from; the server keeps the country it observed beside it.
   */
  'audit.record': z.strictObject({
    eventId: Uuid,
    action: z.enum([
      'open_patient',
      'open_transcript',
      'open_note',
      'export',
      'sign_in_offline',
      'location_decision',
    ]),
    patientId: Uuid.nullable(),
    entityId: Uuid.nullable(),
    occurredAt: IsoDateTime,
    country: CountryCode.nullable(),
    location: z
      .strictObject({
        decision: z.enum(['allowed', 'locked']),
        /** Why it is locked (the rule's reason code); null when allowed. */
        why: z.string().max(40).nullable(),
        zone: z.string().max(100),
        /** Seconds since the service issued the attestation held; null: none held. */
        attestationAgeSeconds: z.int().min(0).nullable(),
      })
      .optional(),
  }),
  /**
   * A patient has at most one emergency contact, named by `contactId`. The patient's own
   * contact id again: its details are replaced. Another id while the patient already has a
   * contact: `conflict` carrying the stored one (edit that one instead). An id naming
   * another patient's contact: `rejected`.
   */
  'emergencyContact.set': z.strictObject({
    contactId: Uuid,
    patientId: Uuid,
    name: text(200),
    phone: text(50),
    relationship: optionalText(100),
    localEmergencyNumber: text(20),
  }),
  /**
   * Plan working abroad: the country must be approved. Each patient's local emergency contact
   * and telling each patient are the trip's checklist, done after planning; the two flags
   * are what older clients send (accepted, stored, no longer required).
   */
  'workAbroad.declare': z.strictObject({
    declarationId: Uuid,
    country: CountryCode,
    from: IsoDate,
    to: IsoDate,
    patientsInformed: z.boolean().optional(),
    emergencyContactsConfirmed: z.boolean().optional(),
  }),
  /** Cancel one's own planned period abroad, before its first day (UK date). */
  'workAbroad.cancel': z.strictObject({ declarationId: Uuid }),
  /**
   * Plan leave (annual leave or sickness): the caseload pauses for those UK dates. Leave need
   * not be abroad (country null) and needs no approved country.
   */
  'leave.declare': z.strictObject({
    declarationId: Uuid,
    purpose: z.enum(['annual_leave', 'sick_leave']),
    country: CountryCode.nullable(),
    from: IsoDate,
    to: IsoDate,
  }),
  /**
   * Move one's own trip or leave to other dates, before its first day (UK date). A working trip
   * is checked again as if declared anew (the country still approved).
   */
  'workAbroad.reschedule': z.strictObject({ declarationId: Uuid, from: IsoDate, to: IsoDate }),
  /**
   * The messages that told patients of one's own working trip (its checklist), sent after
   * those messages: a patient counts as told while the message named exists on the service.
   */
  'workAbroad.told': z.strictObject({
    declarationId: Uuid,
    told: z
      .array(z.strictObject({ patientId: Uuid, messageId: Uuid }))
      .min(1)
      .max(500),
  }),
} as const;

export type MutationKind = keyof typeof mutationPayloads;
export const MutationKind = z.enum(
  Object.keys(mutationPayloads) as [MutationKind, ...MutationKind[]],
);
export type MutationPayload<K extends MutationKind> = z.infer<(typeof mutationPayloads)[K]>;

const mutationOf = <K extends MutationKind>(kind: K) =>
  z.strictObject({
    seq: z.int().positive(),
    id: Uuid,
    kind: z.literal(kind),
    payload: mutationPayloads[kind],
  });
const kinds = Object.keys(mutationPayloads) as MutationKind[];
const [m1, m2, ...mRest] = kinds.map(mutationOf);
if (!m1 || !m2) throw new Error('mutationPayloads must list at least two kinds');
export const Mutation = z.discriminatedUnion('kind', [m1, m2, ...mRest]);
export type Mutation = z.infer<typeof Mutation>;

export const PUSH_BATCH_MAX = 200;

export const PushRequest = z.strictObject({
  deviceId: Uuid,
  /** In ascending `seq` order; seq is the device's outbox sequence number. */
  mutations: z
    .array(Mutation)
    .min(1)
    .max(PUSH_BATCH_MAX)
    .refine((ms) => ms.every((m, i) => i === 0 || (ms[i - 1]?.seq ?? 0) < m.seq), {
      message: 'mutations must be in strictly ascending seq order',
    }),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** The server's current record for a conflicting mutation, so the client can keep both. */
export const ServerVersion = z.strictObject({
  entity: z.enum(['note', 'ticket', 'appointment', 'emergencyContact']),
  id: Uuid,
  version: Version,
  data: z.union([
    entitySchemas.note,
    entitySchemas.ticket,
    entitySchemas.appointment,
    entitySchemas.emergencyContact,
  ]),
});
export type ServerVersion = z.infer<typeof ServerVersion>;

export const MutationResult = z.discriminatedUnion('status', [
  z.strictObject({
    seq: z.int().positive(),
    id: Uuid,
    status: z.literal('applied'),
    version: Version.nullable(),
  }),
  z.strictObject({
    seq: z.int().positive(),
    id: Uuid,
    status: z.literal('conflict'),
    serverVersion: ServerVersion,
    reason: z.string(),
  }),
  z.strictObject({
    seq: z.int().positive(),
    id: Uuid,
    status: z.literal('rejected'),
    reason: z.string(),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

/**
 * One result per mutation, same order. Exactly-once: a mutation whose seq is at or below
 * the device's last applied seq is not re-applied; its stored result is returned again.
 */
export const PushResponse = withServerTime({
  results: z.array(MutationResult),
  lastAppliedSeq: z.int().min(0),
});
export type PushResponse = z.infer<typeof PushResponse>;
