import { duringLeaveWords, tripChecklistOf, type Deadline } from '../../../shared/clinical';
import type { SuperviseeTrips } from '../../../shared/ipc';
import type { Store } from '../store';
import { standingEmergencyContacts, syncStates } from '../workspace/local-writes';
import { leaveOn } from './leave';
import { ukDate } from './work-abroad';

/**
 * For a supervisor: each supervisee's declared trips and leave that are not over (purpose,
 * country, dates; a working trip ready or not — its checklist: every active patient with a local
 * emergency contact and told, by the links the therapist's device synced), whether they are on leave today, and their patients' open deadlines that fall in
 * their leave: those still stand, and the supervisor is the one who sees them.
 */
export function superviseeTrips(
  store: Store,
  me: { readonly id: string },
  now: Date,
  deadlines: readonly Deadline[],
): SuperviseeTrips {
  const today = ukDate(now);
  const state = syncStates(store);
  const patients = store.records.list('patient');
  const nameOf = new Map(patients.map((p) => [p.id, `${p.data.givenName} ${p.data.familyName}`]));
  const therapistOf = new Map(patients.map((p) => [p.id, p.data.therapistId]));
  const supervisees = store.records
    .list('user')
    .map((u) => u.data)
    .filter((u) => u.id !== me.id && u.role !== 'supervisor' && u.role !== 'admin')
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return {
    supervisees: supervisees.map((u) => {
      const active = patients.filter(
        (p) => p.data.therapistId === u.id && p.data.status === 'active',
      );
      const withContact = new Set(
        active.filter((p) => standingEmergencyContacts(store, p.id).length > 0).map((p) => p.id),
      );
      const trips = store.records
        .list('workAbroadDeclaration')
        .filter(
          (r) =>
            r.data.therapistId === u.id &&
            !r.data.cancelledAt &&
            r.data.to >= today &&
            state(r.id, r.version).syncState !== 'rejected',
        )
        .sort((a, b) => a.data.from.localeCompare(b.data.from))
        .map((r) => {
          const purpose = r.data.purpose ?? 'working';
          const working = purpose === 'working';
          // The same rule as the therapist's: told = a message the service holds (synced).
          const told = new Set(r.data.toldPatientIds ?? []);
          const checklist = tripChecklistOf(
            active.map((p) => ({
              patientId: p.id,
              name: nameOf.get(p.id) ?? '',
              hasContact: withContact.has(p.id),
              told: told.has(p.id) ? 'delivered' : 'not-sent',
            })),
          );
          return {
            id: r.id,
            purpose,
            country: r.data.country,
            from: r.data.from,
            to: r.data.to,
            ready: working ? checklist.ready : null,
            missingContacts: working ? checklist.withoutContact : 0,
            notTold: working ? checklist.told.notSent : 0,
          };
        });
      const deadlinesDuringLeave = deadlines
        .filter((d) => d.duringLeave && therapistOf.get(d.patientId) === u.id)
        .map((d) => ({
          deadlineId: d.id,
          patientId: d.patientId,
          patientName: nameOf.get(d.patientId) ?? 'Unknown patient',
          sentence: d.sentence,
          dueAt: d.dueAt,
          state: d.state,
          words: duringLeaveWords(d.duringLeave ?? { from: today, to: today }, u.displayName),
        }));
      return {
        therapistId: u.id,
        name: u.displayName,
        onLeave: leaveOn(store, u.id, today),
        trips,
        deadlinesDuringLeave,
      };
    }),
  };
}
