import { randomUUID } from 'node:crypto';
import { RefusedError } from '../../../shared/ipc';
import type { PlannedTrip, TripPlan } from '../../../shared/ipc';
import type { Store } from '../store';
import { standingEmergencyContacts, syncStates } from '../workspace/local-writes';
import { approvedCountriesOf } from './approved-countries';
import { writeDeclaration } from './trip-declarations';
import { countryWords, tripChecklist } from './trip-messages';

/** The UK calendar date of an instant ("2026-03-03"): trips are planned in UK dates. */
export const ukDate = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);

/**
 * What is wrong with a plan for working abroad, checked on the device against the approved
 * list it has cached (so it answers offline); null when the plan may go to the service, which
 * checks the country again and refuses it by name.
 */
export function tripProblem(
  plan: Pick<TripPlan, 'country' | 'from' | 'to'>,
  context: { readonly approvedCountries: readonly string[] | null; readonly todayUk: string },
): string | null {
  if (plan.to < plan.from) return 'The trip ends before it starts: check the dates.';
  if (plan.from < context.todayUk) return 'The trip starts in the past: plan it before you go.';
  if (!context.approvedCountries)
    return 'This computer has not received your approved countries yet: connect to the internet and try again.';
  if (!context.approvedCountries.includes(plan.country))
    return `${countryWords(plan.country)} (${plan.country}) is not an approved country for you to work from (approved: ${
      context.approvedCountries.join(', ') || 'none'
    }). Ask your supervisor to have it approved before you plan to work there.`;
  return null;
}

/**
 * Plan a period of working abroad: checked here first, then written as this device's own
 * record (pending) and an outbox entry in one transaction; the service confirms or refuses it.
 * Each patient's local emergency contact and telling each patient follow, as its checklist.
 */
export function planWorkingTrip(
  store: Store,
  who: { readonly userId: string; readonly now: Date },
  plan: TripPlan,
): { declarationId: string } {
  const problem = tripProblem(plan, {
    approvedCountries: approvedCountriesOf(store, who.userId),
    todayUk: ukDate(who.now),
  });
  if (problem) throw new RefusedError(problem);
  const declarationId = randomUUID();
  const { country, from, to } = plan;
  writeDeclaration(
    store,
    {
      id: declarationId,
      therapistId: who.userId,
      purpose: 'working',
      country,
      from,
      to,
      // Told and contacts are the trip's checklist, kept after planning; nothing claimed here.
      patientsInformed: false,
      emergencyContactsConfirmed: false,
      declaredAt: who.now.toISOString(),
    },
    { kind: 'workAbroad.declare', payload: { declarationId, country, from, to } },
    who.now.toISOString(),
  );
  return { declarationId };
}

/**
 * Cancel one's own planned trip before its first day (UK date): the plan is kept, marked
 * cancelled (pending until the service confirms), with its outbox entry in one transaction.
 */
export function cancelTrip(
  store: Store,
  who: { readonly userId: string; readonly now: Date },
  declarationId: string,
): void {
  const trip = store.records.get('workAbroadDeclaration', declarationId);
  if (!trip || trip.data.therapistId !== who.userId)
    throw new RefusedError('There is no such planned trip of yours on this computer.');
  if (trip.data.cancelledAt) throw new RefusedError('This trip has already been cancelled.');
  if (trip.data.from <= ukDate(who.now))
    throw new RefusedError(
      'This trip has started: it can no longer be cancelled. Tell your supervisor if your plans changed.',
    );
  const at = who.now.toISOString();
  writeDeclaration(
    store,
    { ...trip.data, cancelledAt: at },
    { kind: 'workAbroad.cancel', payload: { declarationId } },
    at,
  );
}

/** The therapist's own trips, soonest first, each with where it stands with the service. */
export function listTrips(
  store: Store,
  userId: string,
  now: Date,
): {
  approvedCountries: string[] | null;
  trips: PlannedTrip[];
} {
  const stateOf = syncStates(store);
  const today = ukDate(now);
  const trips = store.records
    .list('workAbroadDeclaration')
    .filter((r) => r.data.therapistId === userId)
    .map((r) => ({
      id: r.id,
      purpose: r.data.purpose ?? ('working' as const),
      country: r.data.country,
      from: r.data.from,
      to: r.data.to,
      declaredAt: r.data.declaredAt,
      cancelledAt: r.data.cancelledAt ?? null,
      cancellable: !r.data.cancelledAt && r.data.from > today,
      ...stateOf(r.id, r.version),
      checklist:
        (r.data.purpose ?? 'working') === 'working' ? tripChecklist(store, userId, r.id) : null,
    }))
    .sort((a, b) => a.from.localeCompare(b.from) || a.declaredAt.localeCompare(b.declaredAt));
  return { approvedCountries: approvedCountriesOf(store, userId), trips };
}

/**
 * Before a working trip starts every active patient needs a local emergency contact (its
 * checklist): which of this therapist's active patients have none recorded on the device, by
 * name, so the therapist knows whom to ask.
 */
export function tripReadiness(
  store: Store,
  userId: string,
): { activePatients: number; withoutEmergencyContact: { patientId: string; name: string }[] } {
  const active = store.records
    .list('patient')
    .filter((p) => p.data.therapistId === userId && p.data.status === 'active');
  const withoutEmergencyContact = active
    .filter((p) => standingEmergencyContacts(store, p.id).length === 0)
    .map((p) => ({ patientId: p.id, name: `${p.data.givenName} ${p.data.familyName}` }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { activePatients: active.length, withoutEmergencyContact };
}
