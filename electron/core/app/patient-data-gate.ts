import type { MutationKind } from '../../../shared/api';
import type {
  ChangeNeedingAttention,
  ClinicianContract,
  ClinicianEventChannel,
  EventPayloadOf,
  SyncStatus,
} from '../../../shared/ipc';

/**
 * What may leave the core while patient data is closed (the app locked, signed in again
 * needed, or the location rule not met): nothing that identifies a patient. One table for
 * every event channel, so a new event does not compile until someone decides what it may
 * say while patient data is closed; `sync.status`, the one method that answers while closed
 * with patient facts in it, goes through the same rule (`syncStatusWhileClosed`).
 * Returning null withholds the event.
 */
type ClosedView = {
  readonly [Ch in ClinicianEventChannel]: (
    payload: EventPayloadOf<ClinicianContract, Ch>,
  ) => EventPayloadOf<ClinicianContract, Ch> | null;
};

const whileClosed: ClosedView = {
  // The clinician's own session and location: no patient in them.
  'session.changed': (status) => status,
  'location.changed': (status) => status,
  'sync.changed': (status) => syncStatusWhileClosed(status),
  // Which entities changed may be said; for which patients may not.
  'sync.dataChanged': (change) => ({ entities: change.entities, patientIds: null }),
  // Free text that cannot be checked: held back until patient data is open.
  'app.notice': () => null,
};

/** A change described by its kind alone ("A message"), never by whom it concerns. */
const kindOnly: Readonly<Record<MutationKind, string>> = {
  'message.send': 'A message',
  'note.save': 'A note draft',
  'note.submit': 'A submitted note',
  'appointment.recordOutcome': 'An appointment outcome',
  'appointment.book': 'A booked session',
  'measure.record': 'Questionnaire scores',
  'ticket.raise': 'A supervision ticket',
  'ticket.decide': 'A ticket decision',
  'utterance.comment': 'A transcript comment',
  'ctsr.rate': 'A CTS-R rating',
  'audit.record': 'An access record',
  'emergencyContact.set': 'An emergency contact',
  'workAbroad.declare': 'A working-abroad declaration',
  'workAbroad.cancel': 'A cancelled working-abroad trip',
  'leave.declare': 'Planned leave',
  'workAbroad.reschedule': 'New dates for a trip',
  'workAbroad.told': 'Patients told of a trip',
};

/** The sync status with every patient fact taken out: counts and kinds stay. */
export function syncStatusWhileClosed(status: SyncStatus): SyncStatus {
  const withoutPatient = (change: ChangeNeedingAttention): ChangeNeedingAttention => ({
    ...change,
    summary: kindOnly[change.kind],
    reason: 'Open patient data to see the details.',
  });
  return {
    ...status,
    rejected: status.rejected.map(withoutPatient),
    heldBack: status.heldBack.map(withoutPatient),
  };
}

/** The payload to send for an event, or null to withhold it. */
export function gateEvent<Ch extends ClinicianEventChannel>(
  channel: Ch,
  payload: EventPayloadOf<ClinicianContract, Ch>,
  patientDataOpen: boolean,
): EventPayloadOf<ClinicianContract, Ch> | null {
  if (patientDataOpen) return payload;
  const view = whileClosed[channel] as (
    p: EventPayloadOf<ClinicianContract, Ch>,
  ) => EventPayloadOf<ClinicianContract, Ch> | null;
  return view(payload);
}
