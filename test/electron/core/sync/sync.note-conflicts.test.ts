import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import type { TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, signedInDevice, syncStatus } from './support';

/**
 * A note edited on two devices: both texts are kept and the therapist merges them. Nothing
 * the other device wrote is replaced on the server until the therapist has chosen the
 * merged text in the merge view — however much they type in the meantime.
 */
const reference = useReferenceServer();
let server: TestServer;
beforeAll(() => {
  server = reference.server();
});

interface NoteView {
  conflicts: { body: string; source: string }[];
  draft: { body: string } | null;
  syncState: string;
}
const open = (device: TestDevice, noteId: string) =>
  device.call<NoteView>('notes.open', { noteId });
const serverBody = async (noteId: string) =>
  (await server.db.query<{ body: string }>('SELECT body FROM notes WHERE id = $1', [noteId]))[0]
    ?.body;

describe('a note edited on two devices', () => {
  it('never overwrites the other device’s text before the therapist merges', async () => {
    const laptop = await signedInDevice(server, server.url);
    const desktop = await signedInDevice(server, server.url);
    try {
      const [patientId] = await caseloadPatients(laptop);
      const { noteId } = await laptop.call<{ noteId: string }>('notes.create', {
        patientId,
        appointmentId: null,
        kind: 'session_note',
      });
      await laptop.call('notes.autosave', { noteId, body: 'First draft from the laptop.' });
      await laptop.syncNow();
      await desktop.syncNow();

      await laptop.call('notes.autosave', { noteId, body: 'Laptop: better sleep this week.' });
      await laptop.syncNow();
      await desktop.call('notes.autosave', { noteId, body: 'Desktop: homework agreed.' });
      await desktop.syncNow(); // the server answers: conflict

      // The therapist keeps typing on the desktop without opening the merge view.
      await desktop.call('notes.autosave', {
        noteId,
        body: 'Desktop: homework agreed — a thought record every evening.',
      });
      await desktop.syncNow();
      await desktop.syncNow();

      expect(await serverBody(noteId)).toBe('Laptop: better sleep this week.');
      const view = await open(desktop, noteId);
      expect(view.conflicts.map((c) => [c.source, c.body]).sort()).toEqual([
        ['other_device', 'Laptop: better sleep this week.'],
        ['this_device', 'Desktop: homework agreed.'],
      ]);
      // What was typed since is the draft: kept here, not lost, not sent.
      expect(view.draft?.body).toBe('Desktop: homework agreed — a thought record every evening.');
      const status = await syncStatus(desktop);
      expect(status.noteConflicts).toBe(1);
      expect(status.rejected).toEqual([]);
      expect(status.pendingChanges).toBe(0);

      const merged = 'Better sleep this week. Homework: a thought record every evening.';
      await desktop.call('notes.resolveConflict', { noteId, body: merged });
      await desktop.syncNow();
      expect(await serverBody(noteId)).toBe(merged);
      expect((await syncStatus(desktop)).noteConflicts).toBe(0);
      await laptop.syncNow();
      const onLaptop = await laptop.call<{ server: { body: string } | null }>('notes.open', {
        noteId,
      });
      expect(onLaptop.server?.body).toBe(merged);
    } finally {
      await laptop.close();
      await desktop.close();
    }
  });

  it('asks again when the other device writes once more while the merge is on its way', async () => {
    const laptop = await signedInDevice(server, server.url);
    const desktop = await signedInDevice(server, server.url);
    try {
      const [patientId] = await caseloadPatients(laptop);
      const { noteId } = await laptop.call<{ noteId: string }>('notes.create', {
        patientId,
        appointmentId: null,
        kind: 'session_note',
      });
      await laptop.call('notes.autosave', { noteId, body: 'Laptop one.' });
      await laptop.syncNow();
      await desktop.syncNow();
      await laptop.call('notes.autosave', { noteId, body: 'Laptop two.' });
      await laptop.syncNow();
      await desktop.call('notes.autosave', { noteId, body: 'Desktop one.' });
      await desktop.syncNow(); // conflict with "Laptop two."
      await desktop.call('notes.resolveConflict', { noteId, body: 'Merged one and two.' });
      // Before the merge reaches the server, the laptop writes again.
      await laptop.call('notes.autosave', { noteId, body: 'Laptop three.' });
      await laptop.syncNow();
      await desktop.syncNow();
      expect(await serverBody(noteId)).toBe('Laptop three.');
      const view = await open(desktop, noteId);
      expect(view.conflicts.map((c) => c.body)).toContain('Laptop three.');
    } finally {
      await laptop.close();
      await desktop.close();
    }
  });
});
