import { useCallback } from 'react';
import type { PatientDetail, PlannedTrip } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { formatTime } from '../../ui/format';
import { usePolledRead } from '../../ui/usePolledRead';
import { CRISIS_KEY, useCrisis } from '../crisis/crisis-store';
import { UrgentRiskPanel } from '../risk/UrgentRiskPanel';
import { useSession } from '../session/session-store';
import { useSync } from '../sync/sync-store';
import { countryName } from './location-guidance';

/** The UK calendar date now ("2026-12-02"): trips are planned in UK dates. */
const ukToday = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
const dayOf = (date: string): string => formatTime(`${date}T12:00:00Z`, 'date');

export interface Abroad {
  /** The country the location rule let patient data open from (not the UK). */
  readonly country: string;
  /** The therapist's working trip there that covers today (UK date), if any. */
  readonly trip: PlannedTrip | null;
}

/**
 * Whether the therapist works from abroad now: the location rule opened patient data from a
 * country other than the UK. 999 cannot be dialled from there, trip or not; the working trip
 * that covers today is named when there is one.
 */
type Located = { state: string; country: string | null } | null;

/** Whether the location rule opened patient data from a country other than the UK. */
export const fromAbroad = (location: Located): boolean =>
  location?.state === 'ok' && location.country !== null && location.country !== 'GB';

export function abroadNow(
  location: Located,
  trips: readonly PlannedTrip[],
  today: string,
): Abroad | null {
  if (!fromAbroad(location) || !location?.country) return null;
  const trip =
    trips.find(
      (t) =>
        t.purpose === 'working' &&
        t.country === location.country &&
        t.cancelledAt === null &&
        t.syncState !== 'rejected' &&
        t.from <= today &&
        today <= t.to,
    ) ?? null;
  return { country: location.country, trip };
}

export function useAbroad(): Abroad | null {
  const location = useSession((s) => s.location);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const away = fromAbroad(location);
  const read = useCallback(
    () => (away ? unwrap(clinician().location.trips({})) : Promise.resolve(null)),
    [away],
  );
  const { value } = usePolledRead(read, 60_000, { refreshKey: lastSyncedAt });
  return abroadNow(location, value?.trips ?? [], ukToday());
}

/** The therapist's next working trip not over yet (planned, not cancelled nor refused). */
/** A working trip (it always has a country). */
export type WorkingTrip = PlannedTrip & { readonly country: string };
const isWorkingTrip = (t: PlannedTrip): t is WorkingTrip =>
  t.purpose === 'working' && t.country !== null;

export function useWorkingTripAhead(): WorkingTrip | null {
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const read = useCallback(() => unwrap(clinician().location.trips({})), []);
  const { value } = usePolledRead(read, 60_000, { refreshKey: lastSyncedAt });
  const today = ukToday();
  return (
    value?.trips.find(
      (t): t is WorkingTrip =>
        isWorkingTrip(t) && t.cancelledAt === null && t.syncState !== 'rejected' && t.to >= today,
    ) ?? null
  );
}

/** "Monday 7 December 2026" (a trip's UK calendar date, as people read it). */
export const tripDay = dayOf;

/**
 * On every workspace screen while abroad: 999 cannot be dialled from here; who to call
 * instead (the patient's local contact and emergency number, the service's on-call numbers).
 */
export function AbroadBanner() {
  const abroad = useAbroad();
  const showCrisis = useCrisis((s) => s.show);
  if (!abroad) return null;
  return (
    <div className="banner banner--danger stack" role="note" aria-label="Working abroad">
      <p>
        <strong>
          You are working from {countryName(abroad.country)}: 999 cannot be dialled from abroad.
        </strong>{' '}
        For a patient at risk, call their local emergency contact or the emergency number of their
        own country (at the top of each patient’s screen), and the service’s on-call numbers.
      </p>
      <p>
        {abroad.trip
          ? `Your working trip: ${dayOf(abroad.trip.from)} to ${dayOf(abroad.trip.to)}.`
          : 'No working trip of yours covers today: plan it under Working abroad.'}{' '}
        <button type="button" className="button button--small button--danger" onClick={showCrisis}>
          Show crisis and on-call numbers ({CRISIS_KEY})
        </button>
      </p>
    </div>
  );
}

/** At the top of a patient's screen while abroad: their local emergency contacts and the on-call numbers. */
export function AbroadPatientContacts({
  name,
  contacts,
}: {
  name: string;
  contacts: PatientDetail['emergencyContacts'];
}) {
  const abroad = useAbroad();
  if (!abroad) return null;
  const standing = contacts.filter((c) => c.syncState !== 'rejected');
  return (
    <section className="panel stack abroad-contacts" aria-labelledby="abroad-contacts-heading">
      <h3 id="abroad-contacts-heading">
        In an emergency for {name} (you are abroad: 999 cannot be dialled)
      </h3>
      {standing.length === 0 ? (
        <p className="notice notice--danger">
          No local emergency contact is recorded for {name}. Record one below, and use the service’s
          on-call numbers.
        </p>
      ) : (
        <ul className="plain-list" aria-label={`Local emergency contacts of ${name}`}>
          {standing.map((c) => (
            <li key={c.id} className="notice notice--danger">
              <strong>{c.name}</strong> ({c.relationship}): <strong>{c.phone}</strong> · emergency
              number in the patient’s country: <strong>{c.localEmergencyNumber}</strong>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Where the service’s advice below says 999, ring the patient’s local emergency contact or the
        emergency number of their own country instead: 999 cannot be dialled from abroad.
      </p>
      <UrgentRiskPanel headingLevel={4} />
    </section>
  );
}
