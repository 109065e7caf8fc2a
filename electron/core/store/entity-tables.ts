import type { ChangeScope, EntityName } from '../../../shared/api';

/** Which table caches each shared/api entity. A new entity fails to compile until mapped. */
export const entityTables = {
  user: 'users',
  supervisionAssignment: 'supervision_assignments',
  patient: 'patients',
  episode: 'episodes',
  appointment: 'appointments',
  message: 'messages',
  note: 'notes',
  measure: 'measures',
  ticket: 'tickets',
  utteranceComment: 'utterance_comments',
  ctsrRating: 'ctsr_ratings',
  emergencyContact: 'emergency_contacts',
  workAbroadDeclaration: 'work_abroad_declarations',
  serviceConfig: 'service_config',
  transcript: 'transcripts',
} as const satisfies Record<EntityName, string>;

/** Tables with a patient_id column (generated from the record, or plain). */
export const patientLinkedTables = [
  'episodes',
  'appointments',
  'messages',
  'notes',
  'measures',
  'tickets',
  'utterance_comments',
  'ctsr_ratings',
  'emergency_contacts',
  'transcripts',
  'note_drafts',
  'note_conflict_copies',
  'ctsr_drafts',
  'decision_notices',
  'message_drafts',
] as const;

/** A scope as stored in (scope_kind, scope_id). */
export function scopeKey(scope: ChangeScope): readonly [kind: ChangeScope['kind'], id: string] {
  switch (scope.kind) {
    case 'patient':
      return ['patient', scope.id];
    case 'therapist':
      return ['therapist', scope.therapistId];
    case 'org':
      return ['org', scope.orgId];
  }
}

export function scopeOf(kind: string, id: string): ChangeScope {
  switch (kind) {
    case 'patient':
      return { kind, id };
    case 'therapist':
      return { kind, therapistId: id };
    case 'org':
      return { kind, orgId: id };
    default:
      throw new Error(`Unknown scope kind '${kind}' in the store.`);
  }
}
