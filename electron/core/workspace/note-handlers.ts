import { randomUUID } from 'node:crypto';
import {
  fillNoteTemplate,
  formatForPeople,
  NOTE_TEMPLATE_NAMES,
  noteMayBeStarted,
  noteTemplateId,
  serviceConfigFromWire,
} from '../../../shared/clinical';
import { type ClinicianHandlers, type NoteView, RefusedError } from '../../../shared/ipc';
import type { CaseReader } from './case-reader';
import type { WorkspaceContext } from './context';
import { syncStateOf } from './local-writes';
import { writeInTransaction } from './write-handlers';

/**
 * Notes and letters: the server's version, this device's draft beside it, and conflict
 * copies when two devices edited the same note. An autosave is durable when it resolves
 * (synchronous=FULL commit) and is queued for the server in the same transaction.
 */
export function noteHandlers(ctx: WorkspaceContext, cases: CaseReader): ClinicianHandlers['notes'] {
  /** The note as stored (server version, draft, conflicts), for the handlers' own checks. */
  const record = (noteId: string): Omit<NoteView, 'template'> => {
    const store = ctx.store();
    const server = store.records.get('note', noteId);
    const draft = store.noteDrafts.get(noteId);
    if (!server && !draft) throw new RefusedError('This note is not on this device.');
    const patientId = server?.data.patientId ?? draft?.patientId ?? '';
    const kind = (server?.data.kind ?? draft?.kind ?? 'session_note') as NoteView['kind'];
    return {
      noteId,
      patientId,
      kind,
      appointmentId: server?.data.appointmentId ?? draft?.appointmentId ?? null,
      server: server?.data ?? null,
      serverVersion: server?.version ?? null,
      draft: draft
        ? { body: draft.body, baseVersion: draft.baseVersion, savedAt: draft.savedAt }
        : null,
      conflicts: store.noteDrafts
        .listConflictCopies(noteId)
        .filter((c) => c.resolvedAt === null)
        .map((c) => ({ id: c.id, body: c.body, source: c.source, savedAt: c.savedAt })),
      syncState: syncStateOf(store, noteId, draft ? null : (server?.version ?? null)).syncState,
    };
  };

  /**
   * The note as the editor shows it: the record and, until submitted, its template — read
   * only here, so an autosave (which returns no note) never builds one.
   */
  const view = (noteId: string): NoteView => {
    const note = record(noteId);
    return {
      ...note,
      template:
        note.server?.status === 'submitted'
          ? null
          : template(note.patientId, note.kind, note.appointmentId),
    };
  };

  /** The configured template for this note, with the patient's name and the session's date. */
  const template = (
    patientId: string,
    kind: NoteView['kind'],
    appointmentId: string | null,
  ): NonNullable<NoteView['template']> => {
    const store = ctx.store();
    const patient = store.records.get('patient', patientId)?.data;
    const appointment = appointmentId
      ? store.records.get('appointment', appointmentId)?.data
      : null;
    const id = noteTemplateId(kind, appointment?.kind ?? null);
    return {
      name: NOTE_TEMPLATE_NAMES[id],
      // The synced configuration read directly: not the case snapshot, which every autosave
      // (an outbox change) would otherwise rebuild — work that grows with the queue.
      body: fillNoteTemplate(
        serviceConfigFromWire(store.records.list('serviceConfig')[0]?.data).noteTemplates[id],
        {
          patient: patient ? `${patient.givenName} ${patient.familyName}` : '[patient name]',
          session: appointment ? formatForPeople(appointment.startsAt, { style: 'date' }) : null,
        },
      ),
    };
  };

  /**
   * An autosave: the draft, and the text queued for the server in the same transaction —
   * replacing the previous unsent save of this note (mayCoalesceInto), so the queue grows
   * with the notes being edited, not with keystrokes. While the note is in conflict the text
   * stays on this device: nothing another device wrote is replaced until the therapist has
   * merged (resolveConflict sends the merged text). The work does not grow with the queue.
   */
  const save = (noteId: string, body: string, mergedOnto?: number | null): string => {
    const store = ctx.store();
    const current = record(noteId);
    if (current.server?.status === 'submitted')
      throw new RefusedError('This note has been submitted and can no longer be edited.');
    const savedAt = ctx.now().toISOString();
    const baseVersion =
      mergedOnto !== undefined
        ? mergedOnto
        : current.draft
          ? current.draft.baseVersion
          : current.serverVersion;
    // The draft and the mutation carry the same text and base: one object, two uses.
    const saved = {
      noteId,
      patientId: current.patientId,
      appointmentId: current.appointmentId,
      kind: current.kind,
      body,
      baseVersion,
    };
    const inConflict = mergedOnto === undefined && current.conflicts.length > 0;
    store.applyInTransaction(() => {
      store.noteDrafts.save({ ...saved, savedAt });
      if (mergedOnto !== undefined) store.noteDrafts.rebase(noteId, mergedOnto);
      if (inConflict) return;
      store.outbox.enqueueReplacingUnsent({
        mutationId: randomUUID(),
        kind: 'note.save',
        payload: saved,
        createdAt: savedAt,
      });
    });
    ctx.changed(['note'], [current.patientId], !inConflict);
    return savedAt;
  };

  return {
    open: ({ noteId }) => {
      const result = view(noteId);
      ctx.audit('open_note', result.patientId, noteId);
      return result;
    },
    create: ({ patientId, appointmentId, kind }) => {
      const facts = cases.snapshot().byPatient.get(patientId);
      if (!facts) throw new RefusedError('This patient is not on this device.');
      // A note follows the session it records (shared/clinical noteMayBeStarted).
      const session = appointmentId ? facts.appointments.find((a) => a.id === appointmentId) : null;
      if (session === undefined)
        throw new RefusedError('That session is not one of this patient’s on this device.');
      const start = noteMayBeStarted(kind, session, ctx.now().toISOString());
      if (!start.ok) throw new RefusedError(start.reason);
      const noteId = randomUUID();
      ctx.store().applyInTransaction(() =>
        ctx.store().noteDrafts.save({
          noteId,
          patientId,
          appointmentId,
          kind,
          body: '',
          baseVersion: null,
          savedAt: ctx.now().toISOString(),
        }),
      );
      ctx.changed(['note'], [patientId], false);
      return view(noteId);
    },
    autosave: ({ noteId, body }) => ({ savedAt: save(noteId, body) }),
    submit: ({ noteId }) => {
      const current = record(noteId);
      if (current.conflicts.length > 0)
        throw new RefusedError('Merge the two versions of this note before submitting it.');
      if (current.server?.status === 'submitted') return view(noteId);
      const body = current.draft?.body ?? current.server?.body ?? '';
      if (body.trim().length === 0) throw new RefusedError('Write the note before submitting it.');
      if (current.draft) save(noteId, body);
      // Queued after the save: its base is where this device's edits started, and the server
      // counts only other devices' revisions since then as a conflict.
      const baseVersion = current.draft ? current.draft.baseVersion : current.serverVersion;
      writeInTransaction(ctx, 'note.submit', { noteId, baseVersion }, () => undefined);
      ctx.changed(['note'], [current.patientId], true);
      return { ...view(noteId), syncState: 'pending' };
    },
    resolveConflict: ({ noteId, body }) => {
      const store = ctx.store();
      const current = record(noteId);
      const resolvedAt = ctx.now().toISOString();
      // The merged text is based on the newest version of the other device the therapist
      // has just read: a later revision from elsewhere conflicts again, never lost.
      const copies = store.noteDrafts.listConflictCopies(noteId).filter((c) => !c.resolvedAt);
      const merged = copies
        .filter((c) => c.source === 'other_device' && c.version !== null)
        .reduce<number | null>((max, c) => Math.max(max ?? 0, c.version ?? 0), null);
      store.applyInTransaction(() => {
        for (const copy of current.conflicts)
          store.noteDrafts.resolveConflictCopy(copy.id, resolvedAt);
        save(noteId, body, merged ?? current.serverVersion);
      });
      return view(noteId);
    },
  };
}
