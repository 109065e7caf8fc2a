import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Deadline } from './deadline';
import { instantToMillis, LONDON } from './time';

/**
 * Why a therapist is away: working from abroad (patients carry on, from an approved country),
 * or leave — annual leave or sickness — when the caseload pauses (docs/domain.md, "Working
 * abroad": "annual leave abroad: the therapist pauses work with online patients"). Leave need
 * not be abroad and needs no approved country.
 */
export const TripPurposeSchema = z.enum(['working', 'annual_leave', 'sick_leave']);
export type TripPurpose = z.infer<typeof TripPurposeSchema>;
export type LeavePurpose = Exclude<TripPurpose, 'working'>;

export const isLeave = (purpose: TripPurpose): purpose is LeavePurpose => purpose !== 'working';

export const LEAVE_WORDS: Readonly<Record<LeavePurpose, string>> = {
  annual_leave: 'annual leave',
  sick_leave: 'sick leave',
};

/** A period of leave in UK calendar dates, first and last day included ("2026-12-07"). */
export interface LeavePeriod {
  readonly from: string;
  readonly to: string;
}

/** The instants a leave covers: from the start of its first UK day to the end of its last. */
export function leaveSpan(leave: LeavePeriod): { startMs: number; endMs: number } {
  const start = DateTime.fromISO(leave.from, { zone: LONDON }).startOf('day');
  const end = DateTime.fromISO(leave.to, { zone: LONDON }).plus({ days: 1 }).startOf('day');
  return { startMs: start.toMillis(), endMs: end.toMillis() };
}

/** The leave (of those given) that covers an instant, or null. */
export function leaveCovering(instant: string, leaves: readonly LeavePeriod[]): LeavePeriod | null {
  const ms = instantToMillis(instant);
  return (
    leaves.find((l) => {
      const { startMs, endMs } = leaveSpan(l);
      return ms >= startMs && ms < endMs;
    }) ?? null
  );
}

/** The leave a UK calendar date falls in (today's, for the paused caseload), or null. */
export const leaveOnDay = (ukDate: string, leaves: readonly LeavePeriod[]): LeavePeriod | null =>
  leaves.find((l) => l.from <= ukDate && ukDate <= l.to) ?? null;

/**
 * Which deadlines read "during your leave": every open one (any kind — a reply, a note, a
 * ticket, the contact gap, a review) whose due instant falls inside a leave of the therapist
 * who owns it. Such a deadline is not silently overdue: it still exists, keeps its due time
 * and state, and the supervisor sees it. A deadline due before the leave began was already
 * late when the therapist left and stays plainly overdue; one done is history; one due after
 * the leave is an ordinary deadline waiting for the therapist's return.
 */
export function deadlineDuringLeave(
  deadline: Pick<Deadline, 'state' | 'dueAt'>,
  leaves: readonly LeavePeriod[],
): LeavePeriod | null {
  if (deadline.state === 'done') return null;
  return leaveCovering(deadline.dueAt, leaves);
}

/** Every deadline, each one that falls in a leave marked with it (`duringLeave`). */
export function markDeadlinesDuringLeave(
  deadlines: readonly Deadline[],
  leavesOfPatient: (patientId: string) => readonly LeavePeriod[],
): Deadline[] {
  return deadlines.map((d) => {
    const leaves = leavesOfPatient(d.patientId);
    const leave = leaves.length > 0 ? deadlineDuringLeave(d, leaves) : null;
    return leave ? { ...d, duringLeave: { from: leave.from, to: leave.to } } : d;
  });
}

/** "7 December 2026" — a UK calendar date, as people read it. */
export function leaveDay(ukDate: string): string {
  return DateTime.fromISO(ukDate, { zone: LONDON }).setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "7 to 11 December 2026", or "7 December 2026" for one day. */
export function leaveDates(leave: LeavePeriod): string {
  return leave.from === leave.to
    ? leaveDay(leave.from)
    : `${leaveDay(leave.from)} to ${leaveDay(leave.to)}`;
}

/**
 * What a deadline inside a leave reads, for the therapist ("During your leave, 7 to 11
 * December 2026") or for their supervisor ("During Sam Jones's leave, …").
 */
export function duringLeaveWords(leave: LeavePeriod, therapistName: string | null = null): string {
  const whose = therapistName === null ? 'your' : `${therapistName}’s`;
  return `During ${whose} leave, ${leaveDates(leave)}`;
}
