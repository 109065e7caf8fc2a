import { z } from 'zod';
import type { ServiceConfig } from './config';
import type { Patient } from './facts';
import { formatForPeople } from './people-time';
import { hoursToMillis, InstantSchema, millisToInstant } from './time';

export const DeadlineKindSchema = z.enum([
  'message_reply',
  'contact_gap',
  'clinical_note',
  'assessment_letter',
  'discharge_letter',
  'session_extension',
  'case_review',
  'new_patient_ticket',
  'risk_ticket',
  'episode_end_ticket',
  'step3_review',
]);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

export const DeadlineStateSchema = z.enum(['upcoming', 'due_soon', 'overdue', 'done']);
export type DeadlineState = z.infer<typeof DeadlineStateSchema>;

export const DeadlineSchema = z.object({
  /** Stable across recomputation: `${kind}:${subjectId}`. */
  id: z.string(),
  kind: DeadlineKindSchema,
  patientId: z.string(),
  /** The message, appointment, episode or patient the deadline is about. */
  subjectId: z.string(),
  /** The fact that started the clock. Never after dueAt. */
  triggeredAt: InstantSchema,
  dueAt: InstantSchema,
  state: DeadlineStateSchema,
  /** Present only when done. */
  completedAt: InstantSchema.optional(),
  /** Done, but after dueAt. */
  completedLate: z.boolean().optional(),
  /** Open, with a reply written but not delivered: still in the outbox, or refused. */
  reply: z.enum(['queued', 'refused']).optional(),
  /** Open and due inside a leave of its therapist (UK dates): read "during your leave" (leave.ts). */
  duringLeave: z.strictObject({ from: z.iso.date(), to: z.iso.date() }).optional(),
  /** What to do, for whom, by when: UK time, with the device's reading beside it when it differs. */
  sentence: z.string(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/**
 * Done only when the completing fact happened at or before `now`: the state is always
 * "as of now", even if the facts hold something dated later (e.g. a skewed device).
 * An open deadline is overdue strictly after dueAt; at dueAt itself it is still due soon.
 */
export function deadlineState(
  dueAtMs: number,
  completedAtMs: number | undefined,
  nowMs: number,
  dueSoonHours: number,
): DeadlineState {
  if (completedAtMs !== undefined && completedAtMs <= nowMs) return 'done';
  if (nowMs > dueAtMs) return 'overdue';
  return dueAtMs - nowMs <= hoursToMillis(dueSoonHours) ? 'due_soon' : 'upcoming';
}

/** What every rule needs besides its facts. */
export interface DeadlineContext {
  config: ServiceConfig;
  nowMs: number;
  /** The device's zone: its reading is shown beside UK time when it differs. */
  deviceZone: string | undefined;
  names: ReadonlyMap<string, string>;
  /** Deadlines done before this are not emitted (and their sentences never formatted). */
  omitDoneBeforeMs?: number | undefined;
}

export function deadlineContext(
  patients: readonly Patient[],
  config: ServiceConfig,
  nowMs: number,
  deviceZone: string | undefined,
  omitDoneBeforeMs?: number,
): DeadlineContext {
  const names = new Map(patients.map((p) => [p.id, p.name]));
  return { config, nowMs, deviceZone, names, omitDoneBeforeMs };
}

/** A patient the facts do not name is shown by id, never as a blank. */
export function patientName(ctx: DeadlineContext, patientId: string): string {
  return ctx.names.get(patientId) ?? `patient ${patientId}`;
}

export function when(ctx: DeadlineContext, ms: number): string {
  return formatForPeople(millisToInstant(ms), {
    serviceZone: ctx.config.serviceZone,
    deviceZone: ctx.deviceZone,
  });
}

export interface DeadlineDraft {
  kind: DeadlineKind;
  subjectId: string;
  patientId: string;
  triggeredAtMs: number;
  dueAtMs: number;
  completedAtMs?: number | undefined;
  /** A reply written but not delivered (it does not complete the deadline). */
  reply?: 'queued' | 'refused' | undefined;
  /** The action, without the due date: "Reply to Sam Carter's message from …". Lazy:
   * formatting dates is the costly part, so it only runs for deadlines that are kept. */
  action: () => string;
}

const REPLY_WORDS = {
  queued: ' — reply queued, not yet delivered',
  refused: ' — your reply was refused by the server: see Refused changes',
} as const;

/** Zero or one deadline: none when it was done before `ctx.omitDoneBeforeMs`. */
export function emitDeadline(ctx: DeadlineContext, draft: DeadlineDraft): Deadline[] {
  const state = deadlineState(
    draft.dueAtMs,
    draft.completedAtMs,
    ctx.nowMs,
    ctx.config.deadlines.dueSoonHours,
  );
  const completedAtMs = state === 'done' ? draft.completedAtMs : undefined;
  if (
    completedAtMs !== undefined &&
    ctx.omitDoneBeforeMs !== undefined &&
    completedAtMs < ctx.omitDoneBeforeMs
  ) {
    return [];
  }
  const deadline: Deadline = {
    id: `${draft.kind}:${draft.subjectId}`,
    kind: draft.kind,
    patientId: draft.patientId,
    subjectId: draft.subjectId,
    triggeredAt: millisToInstant(draft.triggeredAtMs),
    dueAt: millisToInstant(draft.dueAtMs),
    state,
    sentence: `${draft.action()} — due ${when(ctx, draft.dueAtMs)}`,
  };
  if (completedAtMs !== undefined) {
    deadline.completedAt = millisToInstant(completedAtMs);
    deadline.completedLate = completedAtMs > draft.dueAtMs;
  } else if (draft.reply !== undefined) {
    deadline.reply = draft.reply;
    deadline.sentence += REPLY_WORDS[draft.reply];
  }
  return [deadline];
}

/** The earliest of some instants, or undefined. */
export function earliest(values: Iterable<number>): number | undefined {
  let best: number | undefined;
  for (const value of values) if (best === undefined || value < best) best = value;
  return best;
}

/** The latest of some instants, or undefined. */
export function latest(values: Iterable<number>): number | undefined {
  let best: number | undefined;
  for (const value of values) if (best === undefined || value > best) best = value;
  return best;
}
