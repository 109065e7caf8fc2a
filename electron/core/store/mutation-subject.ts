import type { EntityName, MutationKind } from '../../../shared/api';
import type { JsonValue } from './interface';

/**
 * Which payload field names the record a mutation writes (its "subject"): the message it
 * sends, the note it saves, the appointment whose outcome it records… The outbox keeps the
 * subject beside each entry, so "is a change to this record still unanswered?" is one
 * indexed lookup, never a parse of every queued payload.
 */
export const subjectKey: Record<MutationKind, string> = {
  'message.send': 'messageId',
  'note.save': 'noteId',
  'note.submit': 'noteId',
  'appointment.recordOutcome': 'appointmentId',
  'appointment.book': 'appointmentId',
  'measure.record': 'measureId',
  'ticket.raise': 'ticketId',
  'ticket.decide': 'ticketId',
  'utterance.comment': 'commentId',
  'ctsr.rate': 'ratingId',
  'audit.record': 'eventId',
  'emergencyContact.set': 'contactId',
  'workAbroad.declare': 'declarationId',
  'workAbroad.cancel': 'declarationId',
  'leave.declare': 'declarationId',
  'workAbroad.reschedule': 'declarationId',
  'workAbroad.told': 'declarationId',
};

/** The id of the record a mutation writes, or null when its payload does not name one. */
export function subjectOf(kind: MutationKind, payload: JsonValue | object): string | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const id = (payload as Record<string, unknown>)[subjectKey[kind]];
  return typeof id === 'string' ? id : null;
}

/** The same, as SQL over outbox.kind and outbox.payload (for the migration that adds it). */
export const subjectSql = (kindColumn: string, payloadColumn: string): string =>
  `CASE ${kindColumn} ${Object.entries(subjectKey)
    .map(([kind, key]) => `WHEN '${kind}' THEN json_extract(${payloadColumn}, '$.${key}')`)
    .join(' ')} END`;

/**
 * The cached entity a mutation writes optimistically (its row has version null until the
 * server confirms it), or null: notes keep their edits in note_drafts, beside the server's
 * row, and audit events are not records on this device.
 */
export const optimisticEntity: Record<MutationKind, RecordEntityName | null> = {
  'message.send': 'message',
  'note.save': null,
  'note.submit': null,
  'appointment.recordOutcome': 'appointment',
  'appointment.book': 'appointment',
  'measure.record': 'measure',
  'ticket.raise': 'ticket',
  'ticket.decide': 'ticket',
  'utterance.comment': 'utteranceComment',
  'ctsr.rate': 'ctsrRating',
  'audit.record': null,
  'emergencyContact.set': 'emergencyContact',
  'workAbroad.declare': 'workAbroadDeclaration',
  'workAbroad.cancel': 'workAbroadDeclaration',
  'leave.declare': 'workAbroadDeclaration',
  'workAbroad.reschedule': 'workAbroadDeclaration',
  // Which message told whom: no record of this device's changes until the service answers.
  'workAbroad.told': null,
};
type RecordEntityName = Exclude<EntityName, 'transcript'>;
