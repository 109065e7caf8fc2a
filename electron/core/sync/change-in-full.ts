import type { MutationKind } from '../../../shared/api';
import { peopleTime } from '../../../shared/clinical';
import type { ChangeInFull } from '../../../shared/ipc';
import type { OutboxEntry, Store } from '../store';
import { summariseMutation } from './summaries';

/** The text a person wrote in a change, by kind: what "edit and send again" edits. */
export const textField: Record<MutationKind, { key: string; label: string } | null> = {
  'message.send': { key: 'body', label: 'Reply' },
  'note.save': { key: 'body', label: 'Note' },
  'note.submit': null,
  'appointment.recordOutcome': null,
  'appointment.book': null,
  'measure.record': null,
  'ticket.raise': { key: 'body', label: 'Ticket' },
  'ticket.decide': { key: 'comment', label: 'Comment' },
  'utterance.comment': { key: 'body', label: 'Feedback' },
  'ctsr.rate': { key: 'comment', label: 'Comment' },
  'audit.record': null,
  'emergencyContact.set': null,
  'workAbroad.declare': null,
  'workAbroad.cancel': null,
  'leave.declare': null,
  'workAbroad.reschedule': null,
  'workAbroad.told': null,
};

const labels: Record<string, string> = {
  patientId: 'Patient',
  kind: 'Kind',
  outcome: 'Outcome',
  cancelledAt: 'Cancelled at',
  appointmentId: 'Appointment',
  items: 'Item scores',
  total: 'Total',
  recordedAt: 'Recorded at',
  type: 'Type',
  decision: 'Decision',
  action: 'Action',
  occurredAt: 'When',
  country: 'Country',
  name: 'Name',
  phone: 'Phone',
  relationship: 'Relationship',
  localEmergencyNumber: 'Local emergency number',
  from: 'From',
  to: 'To',
  patientsInformed: 'Patients informed',
  emergencyContactsConfirmed: 'Emergency contacts confirmed',
  baseVersion: 'Based on server version',
  startsAt: 'Starts at',
  durationMinutes: 'Length (minutes)',
};
// Ids name records for the machine; people read the record they name (above) or nothing.
const machineOnly = new Set([
  'messageId',
  'noteId',
  'measureId',
  'ticketId',
  'commentId',
  'ratingId',
  'eventId',
  'contactId',
  'declarationId',
  'transcriptId',
  'utteranceId',
  'episodeId',
]);
const instantFields = new Set(['cancelledAt', 'recordedAt', 'occurredAt', 'startsAt']);

/** People read UK time, with the device's own clock beside it when it differs (one formatter). */
export function timeForPeople(iso: string, zone: string): string {
  const time = peopleTime(iso, { deviceZone: zone });
  return time.device === null ? `${time.uk} UK time` : time.text;
}

/** A refused or held-back change, everything it says in words, for reading and copying. */
export function changeInFull(store: Store, entry: OutboxEntry, zone: string): ChangeInFull {
  const payload = (entry.payload ?? {}) as Record<string, unknown>;
  const text = textField[entry.kind];
  const fields: { label: string; value: string }[] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (machineOnly.has(key) || key === text?.key || value === null) continue;
    fields.push({ label: labels[key] ?? key, value: describe(store, key, value, zone) });
  }
  const state = entry.status === 'held' ? 'held-back' : 'refused';
  const reason =
    (state === 'held-back' ? entry.heldReason : entry.rejectReason) ?? 'No reason was given.';
  const summary = summariseMutation(store, entry);
  const written =
    text && typeof payload[text.key] === 'string'
      ? { label: text.label, value: payload[text.key] as string }
      : null;
  const asPlainText = [
    summary,
    `Made ${timeForPeople(entry.createdAt, zone)}`,
    `${state === 'refused' ? 'Refused' : 'Held back'}: ${reason}`,
    ...fields.map((f) => `${f.label}: ${f.value}`),
    ...(written ? ['', `${written.label}:`, written.value] : []),
  ].join('\n');
  return {
    seq: entry.seq,
    kind: entry.kind,
    state,
    summary,
    reason,
    createdAt: entry.createdAt,
    text: written,
    fields,
    asPlainText,
    resendable: state === 'refused',
  };
}

function describe(store: Store, key: string, value: unknown, zone: string): string {
  if (key === 'patientId' && typeof value === 'string') {
    const patient = store.records.get('patient', value);
    return patient
      ? `${patient.data.givenName} ${patient.data.familyName}`
      : 'no longer on this device (named above)';
  }
  if (key === 'appointmentId' && typeof value === 'string') {
    const appointment = store.records.get('appointment', value);
    return appointment ? timeForPeople(appointment.data.startsAt, zone) : 'an appointment';
  }
  if (instantFields.has(key) && typeof value === 'string') return timeForPeople(value, zone);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return value.replace(/_/g, ' ');
  return JSON.stringify(value);
}
