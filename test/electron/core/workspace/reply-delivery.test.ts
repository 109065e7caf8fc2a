import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deadline } from '../../../../shared/clinical';
import type { CaseloadEntry } from '../../../../shared/ipc';
import { startDevice, type TestDevice } from '../../../support/device';
import { patientSendsMessage } from '../../../support/patient-actions';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 10 item 6 on a device: a reply written offline sits in the outbox; until the server
 * has accepted it, the 48-hour reply deadline is open and says "reply queued, not yet
 * delivered"; once accepted, it is met at the time the reply was written.
 */
const reference = useReferenceServer();
let device: TestDevice;
let patientId: string;
let messageId: string;

beforeAll(async () => {
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(reference.server().account('Rhys Ellis'));
  await device.synced();
  const { entries } = await device.call<{ entries: CaseloadEntry[] }>('caseload.list', {});
  const entry = entries[0];
  if (!entry) throw new Error('empty caseload');
  patientId = entry.patientId;
  messageId = await patientSendsMessage(reference.server().db, patientId, 'Can we talk?');
  await device.syncNow();
});
afterAll(async () => device?.close());

const replyDeadline = async (): Promise<Deadline | undefined> =>
  (
    await device.call<{ deadlines: Deadline[] }>('deadlines.list', {
      patientId,
      includeDone: true,
    })
  ).deadlines.find((d) => d.id === `message_reply:${messageId}`);

describe('a reply written offline', () => {
  it('is "queued, not yet delivered" until the server accepts it, then meets the deadline when written', async () => {
    const proxy = reference.proxy();
    proxy.offline = true;
    let writtenAt: string;
    try {
      const reply = await device.call<{ sentAt: string; syncState: string }>('messages.reply', {
        patientId,
        body: 'Yes — Thursday at 10?',
      });
      writtenAt = reply.sentAt;
      await device.syncNow(); // fails: offline
      const queued = await replyDeadline();
      expect(queued).toMatchObject({ reply: 'queued' });
      expect(queued?.state).not.toBe('done');
      expect(queued?.sentence).toMatch(/ — reply queued, not yet delivered$/);
      const { entries } = await device.call<{ entries: CaseloadEntry[] }>('caseload.list', {});
      const entry = entries.find((e) => e.patientId === patientId);
      expect((entry?.lastContactAt ?? '') < writtenAt).toBe(true);
    } finally {
      proxy.offline = false;
    }
    await device.syncNow();
    const met = await replyDeadline();
    expect(met).toMatchObject({ state: 'done', completedAt: new Date(writtenAt).toISOString() });
    expect(met?.reply).toBeUndefined();
  });
});
