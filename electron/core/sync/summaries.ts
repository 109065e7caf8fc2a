import type { MutationKind } from '../../../shared/api';
import type { OutboxEntry, Store } from '../store';

const what: Record<MutationKind, string> = {
  'message.send': 'Message to',
  'note.save': 'Note draft for',
  'note.submit': 'Submitted note for',
  'appointment.recordOutcome': 'Appointment outcome for',
  'appointment.book': 'Session booked for',
  'measure.record': 'Questionnaire scores for',
  'ticket.raise': 'Supervision ticket for',
  'ticket.decide': 'Ticket decision for',
  'utterance.comment': 'Transcript comment for',
  'ctsr.rate': 'CTS-R rating for',
  'audit.record': 'Access record for',
  'emergencyContact.set': 'Emergency contact for',
  'workAbroad.declare': 'Working-abroad declaration',
  'workAbroad.cancel': 'Cancelled working-abroad trip',
  'leave.declare': 'Planned leave',
  'workAbroad.reschedule': 'New dates for a trip',
  'workAbroad.told': 'Patients told of a trip',
};

/** The therapist's own plans (trips, leave): no patient in them. */
const ownPlans: ReadonlySet<MutationKind> = new Set([
  'workAbroad.declare',
  'workAbroad.cancel',
  'workAbroad.reschedule',
  'leave.declare',
  'workAbroad.told',
]);

/**
 * The patient a change concerns: named in its payload, or else by the record it writes (a
 * ticket's decision, an appointment's outcome, a note's submission, a transcript comment).
 */
export function patientOfChange(store: Store, entry: OutboxEntry): string | null {
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  if (typeof payload['patientId'] === 'string') return payload['patientId'];
  if (entry.subjectId === null) return null;
  const id = entry.subjectId;
  const record =
    entry.kind === 'ticket.decide'
      ? store.records.get('ticket', id)
      : entry.kind === 'appointment.recordOutcome'
        ? store.records.get('appointment', id)
        : entry.kind === 'note.submit'
          ? (store.records.get('note', id) ?? store.noteDrafts.get(id))
          : undefined;
  if (record && 'data' in record) return record.data.patientId;
  if (record && 'patientId' in record) return record.patientId;
  const transcriptId = payload['transcriptId'];
  return typeof transcriptId === 'string'
    ? (store.transcripts.get(transcriptId)?.patientId ?? null)
    : null;
}

/**
 * A change in words a therapist recognises: "Message to Sam Carter". Once it was refused or
 * held back, the words it had then: the patient may have left the device since.
 */
export function summariseMutation(store: Store, entry: OutboxEntry): string {
  const label = what[entry.kind];
  if (ownPlans.has(entry.kind)) return label;
  const patientId = patientOfChange(store, entry);
  const patient = patientId ? store.records.get('patient', patientId) : undefined;
  if (!patient && entry.summary) return entry.summary;
  const name = patient ? `${patient.data.givenName} ${patient.data.familyName}` : 'a patient';
  return `${label} ${name}`;
}
