import type { Mutation, MutationPayload, MutationResult } from '../../../shared/api';
import type { Store } from '../store';

// Mutation's payload union does not narrow by kind through shared/api's generic builder.
type NoteMutation =
  | { readonly kind: 'note.save'; readonly payload: MutationPayload<'note.save'> }
  | { readonly kind: 'note.submit'; readonly payload: MutationPayload<'note.submit'> };
export const isNoteMutation = (mutation: Mutation | NoteMutation): mutation is NoteMutation =>
  mutation.kind === 'note.save' || mutation.kind === 'note.submit';

/**
 * The local consequences of the server's answer to a note save or submit (inside the
 * caller's transaction). The rule: nothing another device wrote is ever replaced without
 * the therapist choosing it in the merge view.
 *
 * - applied: a draft that still says what was saved is no longer needed; one that moved on
 *   keeps its text and is rebased on this save's version — this device's own revisions never
 *   conflict with each other. Not while a conflict is unresolved: then the merge sets the base.
 * - conflict: both texts are kept as conflict copies (the same conflict reported again
 *   updates them), and the draft keeps its text AND its base. Rebasing it on the other
 *   device's version would make the next autosave overwrite that version on the server
 *   without the therapist having seen it; instead autosaves stay on this device until the
 *   therapist merges (notes.resolveConflict sends the merged text based on the version they
 *   merged). A conflict with a version the therapist has already merged is old news.
 */
export function settleNoteResult(
  store: Store,
  mutation: NoteMutation,
  result: Exclude<MutationResult, { status: 'rejected' }>,
  at: string,
): void {
  const saved = mutation.kind === 'note.save' ? mutation.payload : null;
  const noteId = mutation.payload.noteId;
  const draft = store.noteDrafts.get(noteId);
  const unresolved = store.noteDrafts.listConflictCopies(noteId).filter((c) => !c.resolvedAt);
  if (result.status === 'applied') {
    if (!draft || unresolved.length > 0) return;
    if (saved && draft.body === saved.body) store.noteDrafts.discard(noteId);
    else if (result.version !== null) store.noteDrafts.rebase(noteId, result.version);
    return;
  }
  const server = result.serverVersion;
  if (draft?.baseVersion != null && server.version <= draft.baseVersion) return; // merged already
  const serverBody = 'body' in server.data ? String(server.data.body) : '';
  const patientId =
    draft?.patientId ?? ('patientId' in server.data ? String(server.data.patientId) : '');
  const localBody = saved?.body ?? draft?.body ?? null;
  if (localBody !== null && localBody !== serverBody) {
    store.noteDrafts.keepConflictCopy({
      noteId,
      patientId,
      body: localBody,
      version: null,
      source: 'this_device',
      savedAt: at,
    });
  }
  store.noteDrafts.keepConflictCopy({
    noteId,
    patientId,
    body: serverBody,
    version: server.version,
    source: 'other_device',
    savedAt: at,
  });
  if (!draft && saved) {
    // The text this device sent must stay editable here until it is merged.
    store.noteDrafts.save({
      noteId,
      patientId: saved.patientId,
      appointmentId: saved.appointmentId,
      kind: saved.kind,
      body: saved.body,
      baseVersion: saved.baseVersion,
      savedAt: at,
    });
  }
}
