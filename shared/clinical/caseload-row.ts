import { appointmentStatus, sessionLimitStatus } from './appointments';
import type { ServiceConfig } from './config';
import type { Appointment, Episode, Ticket } from './facts';

/**
 * Where an episode's treatment sessions stand against the step 2 limit, for one caseload
 * row: `not_needed` below the limit, `needed` once the attended and booked sessions reach
 * it with no request raised, then `requested`, `declined` or `approved`; `no_limit` at
 * step 3 (the review after about 4 sessions is a deadline of its own).
 */
export type ExtensionState =
  'no_limit' | 'not_needed' | 'needed' | 'requested' | 'declined' | 'approved';

export interface TreatmentSessionsUsed {
  /** Treatment sessions attended. */
  used: number;
  /** Treatment sessions booked and not yet held (they count toward the limit). */
  booked: number;
  /** The step 2 limit; null at step 3. */
  limit: number | null;
  extension: ExtensionState;
  /** "3 of 4 used, 1 booked, extension needed" — what the table shows and reads out. */
  words: string;
}

const EXTENSION_WORDS: Record<ExtensionState, string> = {
  no_limit: '',
  not_needed: '',
  needed: 'extension needed',
  requested: 'extension requested',
  declined: 'extension declined',
  approved: 'extension approved',
};

/** The extension state from the session limit rule (shared/clinical sessionLimitStatus). */
function extensionState(
  episode: Episode,
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  config: ServiceConfig,
): { state: ExtensionState; limit: number | null } {
  const status = sessionLimitStatus(episode, appointments, tickets, config);
  if (status.limit === null) return { state: 'no_limit', limit: null };
  if (status.extensionApproved) return { state: 'approved', limit: status.limit };
  if (status.extensionRequested) {
    // The latest request decides: a declined one followed by a new request is requested.
    const latest = tickets
      .filter((t) => t.episodeId === episode.id && t.kind === 'session_extension_request')
      .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : 1))
      .at(-1);
    return {
      state: latest?.decision === 'declined' ? 'declined' : 'requested',
      limit: status.limit,
    };
  }
  return {
    state: status.treatmentSessions >= status.limit ? 'needed' : 'not_needed',
    limit: status.limit,
  };
}

/**
 * The count of treatment sessions used, in words a therapist reads without doing sums
 * (`noun`: "" in the caseload table, " treatment sessions" where you book). Within the
 * step 2 limit "3 of 4 used". Past it the limit is never read as exceeded by mistake: with
 * an approved extension the sessions beyond the limit are the extension's ("7 used (4 + 3
 * on the approved extension)": the domain sets no number for an extension, so none is
 * invented); without one they are over the limit ("5 used, 1 over the limit of 4").
 * Step 3: the count alone.
 */
export function sessionsUsedCount(
  used: Pick<TreatmentSessionsUsed, 'used' | 'limit' | 'extension'>,
  noun: '' | ' treatment sessions' = '',
): string {
  const n = used.used;
  const plural = noun === '' ? '' : n === 1 ? ' treatment session' : noun;
  if (used.limit === null) return `${n}${plural} used`;
  if (n <= used.limit) return `${n} of ${used.limit}${noun} used`;
  const beyond = n - used.limit;
  return used.extension === 'approved'
    ? `${n}${plural} used (${used.limit} + ${beyond} on the approved extension)`
    : `${n}${plural} used, ${beyond} over the limit of ${used.limit}`;
}

/** Whether the count's words already say the extension is approved. */
export const countSaysApproved = (
  used: Pick<TreatmentSessionsUsed, 'used' | 'limit' | 'extension'>,
): boolean => used.extension === 'approved' && used.limit !== null && used.used > used.limit;

/** Treatment sessions used in an episode, "x of 4" at step 2 with the extension state. */
export function treatmentSessionsUsed(
  episode: Episode,
  appointments: readonly Appointment[],
  tickets: readonly Ticket[],
  config: ServiceConfig,
): TreatmentSessionsUsed {
  let used = 0;
  let booked = 0;
  for (const a of appointments) {
    if (a.episodeId !== episode.id || a.kind !== 'treatment') continue;
    const status = appointmentStatus(a, config);
    if (status === 'attended') used += 1;
    else if (status === 'booked') booked += 1;
  }
  const { state, limit } = extensionState(episode, appointments, tickets, config);
  const facts = { used, limit, extension: state };
  const words = [
    sessionsUsedCount(facts),
    booked > 0 ? `${booked} booked` : '',
    countSaysApproved(facts) ? '' : EXTENSION_WORDS[state],
  ]
    .filter((w) => w !== '')
    .join(', ');
  return { used, booked, limit, extension: state, words };
}

/** How many of a measure's latest scores a caseload row carries for its sparkline. */
export const TREND_LENGTH = 8;

/** The latest `TREND_LENGTH` totals of one measure, oldest first (ties keep input order). */
export function scoreTrend(
  records: readonly { recordedAt: string; total: number }[],
  length: number = TREND_LENGTH,
): number[] {
  return [...records]
    .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0))
    .slice(-length)
    .map((r) => r.total);
}

/**
 * A score trend in words, for screen readers and tooltips: the sparkline shows a shape, this
 * says the same thing ("PHQ-9, 4 scores, oldest first: 18, 15, 12, 9. Latest 9, 9 lower than
 * the first."). Lower is better on every measure here, so the words say lower or higher, not
 * better or worse: whether a change is reliable is the outcome's business.
 */
export function describeScoreTrend(measureName: string, values: readonly number[]): string {
  if (values.length === 0) return `${measureName}: no scores yet.`;
  const latest = values.at(-1) as number;
  if (values.length === 1) return `${measureName}: one score, ${latest}.`;
  const first = values[0] as number;
  const change = latest - first;
  const direction =
    change === 0
      ? 'the same as the first'
      : `${Math.abs(change)} ${change < 0 ? 'lower' : 'higher'} than the first`;
  return `${measureName}, ${values.length} scores, oldest first: ${values.join(', ')}. Latest ${latest}, ${direction}.`;
}
