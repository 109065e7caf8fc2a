import { beforeAll, describe, expect, it } from 'vitest';
import type { ChangeInFull } from '../../../../shared/ipc';
import { reallocatePatient } from '../../../../server/admin/operations';
import type { TestServer } from '../../../server/support/harness';
import type { TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients, countRows, signedInDevice, syncStatus, thread } from './support';

/**
 * A change the server refused is never dropped: it stays readable in full (the reply, the
 * note) and copyable, and the person edits and sends it again as a new change, or discards
 * it — only by choosing to.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

const therapistId = async (name: string) =>
  (await server.db.query<{ id: string }>('SELECT id FROM users WHERE display_name = $1', [name]))[0]
    ?.id ?? '';

/** A reply written while the patient was being reallocated elsewhere: the server refuses it. */
async function refusedReply(device: TestDevice, body: string) {
  const [patientId] = await caseloadPatients(device);
  if (!patientId) throw new Error('empty caseload');
  const [patient] = await device
    .store()!
    .records.list('patient')
    .filter((p) => p.id === patientId);
  proxy.offline = true;
  await device.call('messages.reply', { patientId, body });
  await reallocatePatient(server.db, patientId, await therapistId('Rhys Ellis'), 'capacity');
  proxy.offline = false;
  await device.syncNow();
  const [refused] = (await syncStatus(device)).rejected;
  if (!refused) throw new Error('the reply was not refused');
  return {
    patientId,
    name: `${patient?.data.givenName} ${patient?.data.familyName}`,
    seq: refused.seq,
  };
}
const giveBack = async (device: TestDevice, patientId: string) => {
  await reallocatePatient(server.db, patientId, device.userId(), 'back from cover');
  await device.syncNow();
};

describe('a refused change', () => {
  it('stays readable in full, with its reason, and copyable as text', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const body = 'Refused reply: I will call you on Thursday at 10 to plan the next steps.';
      const { seq, name } = await refusedReply(device, body);
      const status = await syncStatus(device);
      expect(status.rejected).toHaveLength(1);
      expect(status.pendingChanges).toBe(0);
      const full = await device.call<ChangeInFull>('sync.change', { seq });
      expect(full).toMatchObject({
        state: 'refused',
        text: { label: 'Reply', value: body },
        resendable: true,
      });
      // The patient left the device with the reallocation; the change still says who it was for.
      expect(full.summary).toBe(`Message to ${name}`);
      expect(full.fields.map((f) => f.label)).toContain('Patient');
      expect(full.reason.length).toBeGreaterThan(10);
      expect(full.asPlainText).toContain(body);
      expect(full.asPlainText).toContain(full.reason);
      // Nothing sends it, and nothing drops it, until the person chooses.
      await device.syncNow();
      expect((await syncStatus(device)).rejected.map((r) => r.seq)).toEqual([seq]);
    } finally {
      proxy.offline = false;
      await device.close();
    }
  });

  it('is edited and sent again as a new change, and only the new text arrives', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const original = 'Refused reply: see you next week.';
      const { seq, patientId } = await refusedReply(device, original);
      await giveBack(device, patientId);
      const edited = 'Edited after the refusal: see you on Tuesday at 2pm.';
      const resent = await device.call<{ seq: number }>('sync.resendRefused', {
        seq,
        text: edited,
      });
      expect(resent.seq).toBeGreaterThan(seq);
      const waiting = await syncStatus(device);
      expect(waiting.rejected).toEqual([]);
      expect(waiting.pendingChanges).toBe(1);
      await device.syncNow();
      expect(await countRows(server, 'messages', 'body = $1', [edited])).toBe(1);
      expect(await countRows(server, 'messages', 'body = $1', [original])).toBe(0);
      const mine = (await thread(device, patientId)).filter((m) =>
        [original, edited].includes(m.body),
      );
      expect(mine.map((m) => [m.body, m.syncState])).toEqual([[edited, 'synced']]);
    } finally {
      proxy.offline = false;
      await device.close();
    }
  });

  it('is discarded only on the person’s explicit choice, and is then gone', async () => {
    const device = await signedInDevice(server, proxy.url);
    try {
      const body = 'Refused reply the therapist chooses to discard.';
      const { seq, patientId } = await refusedReply(device, body);
      await giveBack(device, patientId);
      // A change still waiting to be sent is not the person's to discard here.
      proxy.offline = true;
      await device.call('messages.reply', { patientId, body: 'Still waiting to be sent.' });
      const pendingSeq = device.store()!.outbox.listPending(10).at(-1)?.seq ?? 0;
      await expect(device.call('sync.discardRefused', { seq: pendingSeq })).rejects.toThrow(
        /no longer waiting/,
      );
      proxy.offline = false;

      await device.call('sync.discardRefused', { seq });
      expect((await syncStatus(device)).rejected).toEqual([]);
      await expect(device.call('sync.change', { seq })).rejects.toThrow(/no longer waiting/);
      await device.syncNow();
      expect(await countRows(server, 'messages', 'body = $1', [body])).toBe(0);
      expect((await thread(device, patientId)).map((m) => m.body)).not.toContain(body);
    } finally {
      proxy.offline = false;
      await device.close();
    }
  });
});
