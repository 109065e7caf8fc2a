import { randomUUID } from 'node:crypto';
import type { LeavePeriod } from '../../../shared/clinical';
import { leaveOnDay } from '../../../shared/clinical';
import { approvedCountriesOf } from './approved-countries';
import { RefusedError } from '../../../shared/ipc';
import type { LeavePlan, LeaveToday } from '../../../shared/ipc';
import type { Store } from '../store';
import { syncStates } from '../workspace/local-writes';
import { writeDeclaration } from './trip-declarations';
import { tripProblem, ukDate } from './work-abroad';

type Who = { readonly userId: string; readonly now: Date };

/**
 * A declaration that stands: not cancelled and not refused by the service. A plan still
 * waiting for the service stands at once (leave planned offline pauses the caseload offline).
 */
function standingDeclarations(store: Store) {
  const state = syncStates(store);
  return store.records
    .list('workAbroadDeclaration')
    .filter((r) => !r.data.cancelledAt && state(r.id, r.version).syncState !== 'rejected');
}

const isLeaveRecord = (purpose: string | undefined): purpose is LeaveToday['purpose'] =>
  purpose === 'annual_leave' || purpose === 'sick_leave';

/** Each therapist's standing leave (UK dates), for the deadlines and the paused caseload. */
export function leavesByTherapist(store: Store): (therapistId: string) => readonly LeavePeriod[] {
  const byTherapist = new Map<string, LeavePeriod[]>();
  for (const r of standingDeclarations(store)) {
    if (!isLeaveRecord(r.data.purpose)) continue;
    const list = byTherapist.get(r.data.therapistId) ?? [];
    list.push({ from: r.data.from, to: r.data.to });
    byTherapist.set(r.data.therapistId, list);
  }
  return (therapistId) => byTherapist.get(therapistId) ?? [];
}

/** The leave of a therapist covering a UK day, with its id and purpose; null when none does. */
export function leaveOn(store: Store, therapistId: string, day: string): LeaveToday | null {
  const leaves = standingDeclarations(store)
    .filter((r) => r.data.therapistId === therapistId && isLeaveRecord(r.data.purpose))
    .map((r) => ({
      id: r.id,
      purpose: r.data.purpose as LeaveToday['purpose'],
      from: r.data.from,
      to: r.data.to,
    }));
  const covering = leaveOnDay(day, leaves);
  return covering ? (leaves.find((l) => l === covering) ?? null) : null;
}

/** What is wrong with the dates of a plan, checked on the device; null when they may go. */
export function datesProblem(plan: { from: string; to: string }, todayUk: string): string | null {
  if (plan.to < plan.from) return 'The last day is before the first day: check the dates.';
  if (plan.from < todayUk) return 'The first day is in the past: plan it before it starts.';
  return null;
}

/**
 * Plan leave: checked here, then written as the therapist's own record (pending) and an outbox
 * entry in one transaction. Leave needs no approved country; the caseload pauses at once.
 */
export function planLeave(store: Store, who: Who, plan: LeavePlan): { declarationId: string } {
  const problem = datesProblem(plan, ukDate(who.now));
  if (problem) throw new RefusedError(problem);
  const declarationId = randomUUID();
  const at = who.now.toISOString();
  writeDeclaration(
    store,
    {
      id: declarationId,
      therapistId: who.userId,
      purpose: plan.purpose,
      country: plan.country,
      from: plan.from,
      to: plan.to,
      patientsInformed: false,
      emergencyContactsConfirmed: false,
      declaredAt: at,
    },
    { kind: 'leave.declare', payload: { declarationId, ...plan } },
    at,
  );
  return { declarationId };
}

/**
 * Move one's own trip or leave to other dates before its first day (UK). A working trip is
 * checked again against the cached approved list (the service checks it again too).
 */
export function moveTrip(
  store: Store,
  who: Who,
  move: { declarationId: string; from: string; to: string },
): void {
  const trip = store.records.get('workAbroadDeclaration', move.declarationId);
  if (!trip || trip.data.therapistId !== who.userId)
    throw new RefusedError('There is no such planned trip of yours on this computer.');
  if (trip.data.cancelledAt) throw new RefusedError('This trip has been cancelled.');
  const today = ukDate(who.now);
  if (trip.data.from <= today)
    throw new RefusedError(
      'This trip has started: its dates can no longer be changed. Tell your supervisor if your plans changed.',
    );
  const problem =
    (trip.data.purpose ?? 'working') === 'working'
      ? tripProblem(
          { country: trip.data.country ?? '', from: move.from, to: move.to },
          {
            approvedCountries: approvedCountriesOf(store, who.userId),
            todayUk: today,
          },
        )
      : datesProblem(move, today);
  if (problem) throw new RefusedError(problem);
  writeDeclaration(
    store,
    { ...trip.data, from: move.from, to: move.to },
    { kind: 'workAbroad.reschedule', payload: move },
    who.now.toISOString(),
  );
}
