import { DateTime } from 'luxon';
import type { Deadline } from './deadline';
import { hoursToMillis, instantToMillis, LONDON, localDate } from './time';

/**
 * A therapist's Today, in the order the work should be done (docs/domain.md, "Today"):
 * risk first, then the replies due within 48 hours (soonest first), today's sessions, the
 * notes and letters due, the other deadlines due soon, and only then the overdue backlog and
 * what comes later. Each item names the place it is acted on (`TodayPlace`), so a link opens
 * the reply box, the note of that session or the ticket form, never the top of the record.
 */
export const TODAY_SECTION_ORDER = [
  'risk',
  'replies',
  'sessions',
  'notes',
  'due_soon',
  'overdue',
  'week',
  'later',
] as const;
export type TodaySectionKey = (typeof TODAY_SECTION_ORDER)[number];

/** The first five are "now"; the backlog and later ones follow them. */
export const TODAY_NOW_SECTIONS: ReadonlySet<TodaySectionKey> = new Set([
  'risk',
  'replies',
  'sessions',
  'notes',
  'due_soon',
]);

/** The ticket types a deadline can ask for (shared/api TicketType). */
export type TodayTicketKind =
  'new_patient' | 'four_weekly_review' | 'non_urgent_risk' | 'session_extension_request';

/** Where an item is acted on, in the patient's record. */
export type TodayPlace =
  /** The reply box of the patient's message thread. */
  | { to: 'reply' }
  /** That session's note (or the letter), opened in the editor; started if there is none. */
  | {
      to: 'note';
      appointmentId: string | null;
      noteKind: 'session_note' | 'assessment_letter' | 'discharge_letter';
    }
  /** The ticket form, with the type the deadline asks for when it names one. */
  | { to: 'ticket'; ticketKind: TodayTicketKind | null }
  /** The session in the patient's appointments. */
  | { to: 'appointment'; appointmentId: string }
  /** The top of the record (the risk flag is shown there). */
  | { to: 'record' };

/** A patient whose latest PHQ-9 item 9 scored above 0. */
export interface TodayRiskFlag {
  patientId: string;
  item9: number;
  measuredAt: string;
}

/** A session as Today needs it. */
export interface TodaySession {
  id: string;
  patientId: string;
  startsAt: string;
}

export type TodayItem<S extends TodaySession = TodaySession> =
  | {
      type: 'risk';
      key: string;
      patientId: string;
      /** Null when the flag has no open ticket deadline (the ticket is raised already). */
      flag: TodayRiskFlag | null;
      /** The open non-urgent risk ticket deadline, if any. */
      deadline: Deadline | null;
      place: TodayPlace;
    }
  | { type: 'deadline'; key: string; patientId: string; deadline: Deadline; place: TodayPlace }
  | { type: 'session'; key: string; patientId: string; session: S; place: TodayPlace };

export interface TodaySection<S extends TodaySession = TodaySession> {
  key: TodaySectionKey;
  items: TodayItem<S>[];
}

export interface TodayInput<S extends TodaySession> {
  /** Every deadline of the caseload (done ones are left out here). */
  deadlines: readonly Deadline[];
  /** Risk flags of the caseload. */
  risks: readonly TodayRiskFlag[];
  /** Sessions from the start of today (UK) to the end of the window the caller read. */
  sessions: readonly S[];
  /** Server-corrected now. */
  nowMs: number;
  /** Replies due within this many hours are "now" (the service's reply rule: 48). */
  replyWindowHours: number;
  /** Whose day "today" is: the service's zone (UK). */
  zone?: string;
}

const NOTE_KINDS = new Set<Deadline['kind']>([
  'clinical_note',
  'assessment_letter',
  'discharge_letter',
]);

/** Where a deadline is acted on. */
export function placeOfDeadline(deadline: Deadline): TodayPlace {
  switch (deadline.kind) {
    case 'message_reply':
    case 'contact_gap': // contact is a message (or a session): the reply box is the place
      return { to: 'reply' };
    case 'clinical_note':
      return { to: 'note', appointmentId: deadline.subjectId, noteKind: 'session_note' };
    case 'assessment_letter':
      return { to: 'note', appointmentId: deadline.subjectId, noteKind: 'assessment_letter' };
    case 'discharge_letter':
      return { to: 'note', appointmentId: null, noteKind: 'discharge_letter' };
    case 'new_patient_ticket':
      return { to: 'ticket', ticketKind: 'new_patient' };
    case 'risk_ticket':
      return { to: 'ticket', ticketKind: 'non_urgent_risk' };
    case 'session_extension':
      return { to: 'ticket', ticketKind: 'session_extension_request' };
    case 'case_review':
    case 'step3_review':
      return { to: 'ticket', ticketKind: 'four_weekly_review' };
    case 'episode_end_ticket':
      // Which of three tickets depends on how the episode ended: the sentence names it.
      return { to: 'ticket', ticketKind: null };
  }
}

const dueMs = (d: Deadline): number => instantToMillis(d.dueAt);
const byDue = (a: Deadline, b: Deadline): number => dueMs(a) - dueMs(b) || cmp(a.id, b.id);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const deadlineItem = <S extends TodaySession>(d: Deadline): TodayItem<S> => ({
  type: 'deadline',
  key: d.id,
  patientId: d.patientId,
  deadline: d,
  place: placeOfDeadline(d),
});

/**
 * Today's sections in order (every key of `TODAY_SECTION_ORDER`, empty ones included).
 * A deadline appears once: risk tickets under risk whatever their state; a deadline that falls
 * in the therapist's leave under "later" (it reads "during your leave"); otherwise an overdue
 * one in the backlog, oldest first, and an open one by its kind and how soon it is due.
 */
export function todaySections<S extends TodaySession>(input: TodayInput<S>): TodaySection<S>[] {
  const zone = input.zone ?? LONDON;
  const today = localDate(new Date(input.nowMs).toISOString(), zone);
  const replyWindowEnd = input.nowMs + hoursToMillis(input.replyWindowHours);
  const sections = new Map<TodaySectionKey, TodayItem<S>[]>(
    TODAY_SECTION_ORDER.map((key) => [key, []]),
  );
  const put = (key: TodaySectionKey, item: TodayItem<S>): void => {
    sections.get(key)?.push(item);
  };

  const open = input.deadlines.filter((d) => d.state !== 'done').sort(byDue);

  // Risk: one item per patient, the flag with its open ticket deadline.
  const riskTickets = new Map<string, Deadline>();
  for (const d of open)
    if (d.kind === 'risk_ticket' && !riskTickets.has(d.patientId)) riskTickets.set(d.patientId, d);
  const flags = new Map(input.risks.map((r) => [r.patientId, r]));
  const riskPatients = [...new Set([...flags.keys(), ...riskTickets.keys()])];
  const riskItems = riskPatients.map((patientId): TodayItem<S> & { type: 'risk' } => {
    const deadline = riskTickets.get(patientId) ?? null;
    return {
      type: 'risk',
      key: `risk:${patientId}`,
      patientId,
      flag: flags.get(patientId) ?? null,
      deadline,
      place: deadline ? placeOfDeadline(deadline) : { to: 'record' },
    };
  });
  // A risk ticket still owed first (the highest item 9, then the one due soonest); then the
  // flags whose ticket is raised, the highest item 9 and then the newest first.
  riskItems.sort(
    (a, b) =>
      Number(b.deadline !== null) - Number(a.deadline !== null) ||
      (b.flag?.item9 ?? 0) - (a.flag?.item9 ?? 0) ||
      (a.deadline ? dueMs(a.deadline) : Infinity) - (b.deadline ? dueMs(b.deadline) : Infinity) ||
      cmp(b.flag?.measuredAt ?? '', a.flag?.measuredAt ?? '') ||
      cmp(a.patientId, b.patientId),
  );
  for (const item of riskItems) put('risk', item);

  for (const d of open) {
    if (d.kind === 'risk_ticket') continue; // under risk
    if (d.duringLeave) put('later', deadlineItem(d));
    else if (d.state === 'overdue') put('overdue', deadlineItem(d));
    else if (d.kind === 'message_reply' && dueMs(d) <= replyWindowEnd)
      put('replies', deadlineItem(d));
    else if (NOTE_KINDS.has(d.kind)) put('notes', deadlineItem(d));
    else if (d.state === 'due_soon') put('due_soon', deadlineItem(d));
    else put('later', deadlineItem(d));
  }

  const sessions = [...input.sessions].sort(
    (a, b) => instantToMillis(a.startsAt) - instantToMillis(b.startsAt) || cmp(a.id, b.id),
  );
  for (const session of sessions) {
    const day = localDate(session.startsAt, zone);
    if (day < today) continue; // before today: its note is what is owed, listed under notes
    put(day === today ? 'sessions' : 'week', {
      type: 'session',
      key: `session:${session.id}`,
      patientId: session.patientId,
      session,
      place: { to: 'appointment', appointmentId: session.id },
    });
  }

  return TODAY_SECTION_ORDER.map((key) => ({ key, items: sections.get(key) ?? [] }));
}

/**
 * The sessions Today reads: from the start of today (UK) to the end of the seventh day after,
 * so a session earlier today is still "today" and the week follows it.
 */
export function todayWindow(nowMs: number, zone: string = LONDON): { from: string; to: string } {
  const start = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  return {
    from: start.toUTC().toISO() as string,
    to: start.plus({ days: 8 }).toUTC().toISO() as string,
  };
}
