import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageThreadSummary, SessionStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { patientSendsMessage } from '../../../support/patient-actions';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, countRows, syncStatus, thread } from '../sync/support';

/**
 * The messages work queue and the reply box's draft on a whole device (real core, real
 * encrypted store, the reference server over loopback): the draft survives the lock and a
 * restart and goes only when the reply is queued; a refused reply is edited and sent again
 * from the thread, replacing the refused one.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

const PASSCODE = 'messages passcode';
/** Sign-in, lock and unlock seal and unseal the key with scrypt (N = 2^17): slow on a busy machine. */
const SCRYPT_HEAVY_MS = 180_000;
async function device(dataDir?: string): Promise<TestDevice> {
  return startDevice({ serverUrl: proxy.url, ...(dataDir ? { dataDir } : {}) });
}
const queue = async (d: TestDevice) =>
  (await d.call<{ threads: MessageThreadSummary[] }>('messages.queue')).threads;
const draftOf = (d: TestDevice, patientId: string) =>
  d.call<{ body: string; resendOf: number | null; savedAt: string } | null>('messages.draft', {
    patientId,
  });

describe('the reply box draft', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('is kept in the encrypted store through the lock and a restart, and goes when the reply is queued', async () => {
    const d = await device();
    await d.signIn(server.account('Priya Nair'), PASSCODE);
    await d.synced();
    const [patientId] = await caseloadPatients(d);
    if (!patientId) throw new Error('empty caseload');
    expect(await draftOf(d, patientId)).toBeNull();

    const words = 'Thank you for the diary — shall we look at Tuesday evening together?';
    const saved = await d.call<{ savedAt: string }>('messages.saveDraft', {
      patientId,
      body: words,
    });
    expect(await draftOf(d, patientId)).toEqual({
      body: words,
      resendOf: null,
      savedAt: saved.savedAt,
    });
    expect((await queue(d)).find((t) => t.patientId === patientId)?.state).toBe('draft_waiting');

    await d.call('session.lock');
    await expect(draftOf(d, patientId)).rejects.toThrow();
    await d.call('session.unlock', { passcode: PASSCODE });
    expect((await draftOf(d, patientId))?.body).toBe(words);

    await d.close({ keepData: true });
    const again = await device(d.dataDir);
    try {
      await again.call('session.unlock', { passcode: PASSCODE });
      expect((await draftOf(again, patientId))?.body).toBe(words);

      // Clearing the box clears the draft.
      await again.call('messages.saveDraft', { patientId, body: '   ' });
      expect(await draftOf(again, patientId)).toBeNull();

      await again.call('messages.saveDraft', { patientId, body: words });
      proxy.offline = true;
      const sent = await again.call<{ id: string; syncState: string }>('messages.reply', {
        patientId,
        body: words,
      });
      expect(sent.syncState).toBe('pending');
      expect(await draftOf(again, patientId)).toBeNull();
    } finally {
      proxy.offline = false;
      await again.close();
    }
  });

  it('refuses a draft for a patient not on this device, in words', async () => {
    const d = await device();
    try {
      await d.signIn(server.account('Priya Nair'), PASSCODE);
      await expect(
        d.call('messages.saveDraft', { patientId: crypto.randomUUID(), body: 'hello' }),
      ).rejects.toThrow(/not on this device/);
    } finally {
      await d.close();
    }
  });
});

describe('the messages queue', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('shows who waits, the reply deadline in words, and where each reply stands, earliest deadline first', async () => {
    const d = await device();
    try {
      await d.signIn(server.account('Tom Reeve'), PASSCODE);
      await d.synced();
      const [first, second] = await caseloadPatients(d, 2);
      if (!first || !second) throw new Error('caseload too small');
      await patientSendsMessage(server.db, first, 'Can we move Thursday?');
      await patientSendsMessage(server.db, second, 'The worksheet link does not open.');
      await d.syncNow();

      const threads = await queue(d);
      const due = threads.filter((t) => t.replyDueAt !== null);
      expect(due.map((t) => t.replyDueAt)).toEqual(
        [...due.map((t) => t.replyDueAt)].sort((a, b) => Date.parse(a ?? '') - Date.parse(b ?? '')),
      );
      // Threads with a reply due come before the ones without.
      const firstQuiet = threads.findIndex((t) => t.replyDueAt === null);
      if (firstQuiet >= 0)
        expect(threads.slice(firstQuiet).every((t) => t.replyDueAt === null)).toBe(true);
      const waiting = threads.find((t) => t.patientId === second);
      expect(waiting).toMatchObject({ state: 'awaiting_reply' });
      expect(waiting?.awaiting).toBeGreaterThanOrEqual(1);
      expect(waiting?.dueWords).toMatch(/^(due in \d+ (hours?|minutes?)|overdue by .+)$/);
      expect(waiting?.waitingSince).not.toBeNull();

      proxy.offline = true;
      await d.call('messages.reply', { patientId: second, body: 'I will send it again now.' });
      await d.syncNow();
      expect((await queue(d)).find((t) => t.patientId === second)?.state).toBe('reply_queued');
      proxy.offline = false;
      await d.syncNow();
      const replied = (await queue(d)).find((t) => t.patientId === second);
      expect(replied).toMatchObject({ state: 'replied', replyDueAt: null, dueWords: null });
    } finally {
      proxy.offline = false;
      await d.close();
    }
  });
});

describe('a refused reply, from the thread', { timeout: SCRYPT_HEAVY_MS }, () => {
  it('shows its reason, and its edited words replace it when sent again; never dropped on the way', async () => {
    const d = await device();
    try {
      const status: SessionStatus = await d.signIn(server.account('Priya Nair'), PASSCODE);
      expect(status.state).toBe('unlocked');
      await d.synced();
      const [patientId] = await caseloadPatients(d);
      if (!patientId) throw new Error('empty caseload');
      const [other] = await server.db.query<{ id: string }>(
        "SELECT id FROM users WHERE display_name = 'Rhys Ellis'",
      );
      const [owner] = await server.db.query<{ therapist_id: string }>(
        'SELECT therapist_id FROM patients WHERE id = $1',
        [patientId],
      );
      // The service refuses the reply: at the moment it arrives, the patient is allocated
      // to another therapist (this device is not told: it keeps the thread).
      await server.db.query('UPDATE patients SET therapist_id = $1 WHERE id = $2', [
        other?.id,
        patientId,
      ]);
      const original = 'Refused at first: see you on Monday.';
      await d.call('messages.reply', { patientId, body: original });
      await d.syncNow();
      await server.db.query('UPDATE patients SET therapist_id = $1 WHERE id = $2', [
        owner?.therapist_id,
        patientId,
      ]);

      const refused = (await thread(d, patientId)).find((m) => m.body === original) as
        { syncState: string; rejectedReason: string | null; refusedSeq: number | null } | undefined;
      expect(refused).toMatchObject({ syncState: 'rejected' });
      expect(refused?.rejectedReason).toMatch(/caseload/);
      expect(refused?.refusedSeq).toBe((await syncStatus(d)).rejected[0]?.seq);
      expect((await queue(d)).find((t) => t.patientId === patientId)?.state).toBe('reply_refused');

      // "Edit and send again": the words go back in the box (a draft that remembers which
      // refused reply they replace), then are sent.
      const edited = 'Edited after the refusal: see you on Tuesday at 2pm.';
      await d.call('messages.saveDraft', {
        patientId,
        body: edited,
        resendOf: refused?.refusedSeq,
      });
      expect((await draftOf(d, patientId))?.resendOf).toBe(refused?.refusedSeq);
      // A seq that is not a refused reply to this patient is refused in words; nothing is lost.
      await expect(
        d.call('messages.reply', { patientId, body: edited, resendOf: 999_999 }),
      ).rejects.toThrow(/no longer waiting|not a refused reply/);
      expect((await draftOf(d, patientId))?.body).toBe(edited);

      await d.call('messages.reply', { patientId, body: edited, resendOf: refused?.refusedSeq });
      expect(await draftOf(d, patientId)).toBeNull();
      const after = await syncStatus(d);
      expect(after.rejected).toEqual([]);
      const bodies = (await thread(d, patientId)).map((m) => m.body);
      expect(bodies).toContain(edited);
      expect(bodies).not.toContain(original);
      await d.syncNow();
      expect(await countRows(server, 'messages', 'body = $1', [edited])).toBe(1);
      expect(await countRows(server, 'messages', 'body = $1', [original])).toBe(0);
      expect((await queue(d)).find((t) => t.patientId === patientId)?.state).not.toBe(
        'reply_refused',
      );
    } finally {
      await d.close();
    }
  });
});
