import type { MutationKind } from '../../../shared/api';
import type { OutboxEntry, Store } from '../store';

const what: Record<MutationKind, string> = {
  'message.send': 'Message to',
  'note.save': 'Note draft for',
  'note.submit': 'Submitted note for',
  'appointment.recordOutcome': 'Appointment outcome for',
  'measure.record': 'Questionnaire scores for',
  'ticket.raise': 'Supervision ticket for',
  'ticket.decide': 'Ticket decision for',
  'utterance.comment': 'Transcript comment for',
  'ctsr.rate': 'CTS-R rating for',
  'audit.record': 'Access record for',
  'emergencyContact.set': 'Emergency contact for',
  'workAbroad.declare': 'Working-abroad declaration',
};

/**
 * A change in words a therapist recognises: "Message to Sam Carter". Once it was refused or
 * held back, the words it had then: the patient may have left the device since.
 */
export function summariseMutation(store: Store, entry: OutboxEntry): string {
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  const label = what[entry.kind];
  if (entry.kind === 'workAbroad.declare') return label;
  const patientId = typeof payload['patientId'] === 'string' ? payload['patientId'] : null;
  const patient = patientId ? store.records.get('patient', patientId) : undefined;
  if (!patient && entry.summary) return entry.summary;
  const name = patient ? `${patient.data.givenName} ${patient.data.familyName}` : 'a patient';
  return `${label} ${name}`;
}
