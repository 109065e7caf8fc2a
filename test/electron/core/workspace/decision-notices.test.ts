import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Patient } from '../../../../shared/api';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { recordsOf, userIdOf } from '../../../server/support/fixtures';
import { signIn } from '../../../server/support/harness';

/**
 * Issue 15, "the therapist sees decisions with reasons, notified", on a therapist's device
 * (real core, encrypted store, real server): a supervisor's decision pulled for the first
 * time raises one `app.notice` that names no patient, and stays unseen on the device —
 * across a restart — until the therapist marks it seen. The decisions already on the server
 * at the device's first sync are not announced.
 */
const reference = useReferenceServer();
const devices: TestDevice[] = [];
let priya: TestDevice;
let priyaId: string;
const notices: { level: string; message: string; desktop: boolean }[] = [];

interface Unseen {
  ticketId: string;
  patientId: string;
  caseReference: string;
  decision: string;
  reason: string;
  decidedAt: string;
  decidedByName: string | null;
}
const unseenOf = async (d: TestDevice) =>
  (await d.call<{ decisions: Unseen[] }>('tickets.unseenDecisions')).decisions;

beforeAll(async () => {
  const server = reference.server();
  priyaId = await userIdOf(server.db, server.account('Priya Nair').email);
  priya = await startDevice({ serverUrl: reference.proxy().url });
  devices.push(priya);
  priya.core.onEvent((channel, payload) => {
    if (channel === 'app.notice') notices.push(payload as (typeof notices)[number]);
  });
  await priya.signIn(server.account('Priya Nair'));
  await priya.synced();
}, 180_000);
afterAll(async () => {
  for (const d of devices) await d.close();
});

/** The therapist raises a ticket on the device; her supervisor decides it; the device syncs. */
async function samuelDecidesANewTicket(d: TestDevice, patientId: string, comment: string) {
  const server = reference.server();
  const body = `Ticket ${randomUUID()}`;
  await d.call('tickets.raise', { patientId, type: 'new_patient', body });
  await d.syncNow();
  const raised = d
    .store()
    ?.records.list('ticket')
    .find((t) => t.data.body === body);
  if (!raised) throw new Error('the raised ticket is not on the device');
  const samuel = await signIn(server, server.account('Dr Samuel Okafor'));
  await samuel.push([
    { kind: 'ticket.decide', payload: { ticketId: raised.id, decision: 'approve', comment } },
  ]);
  await d.syncNow();
  return raised.id;
}

describe('supervisors’ decisions on a therapist’s device', () => {
  it('does not announce the decisions already there at the first sync', async () => {
    const store = priya.store();
    const decidedMine = store?.records
      .list('ticket')
      .filter((t) => t.data.therapistId === priyaId && t.data.decision !== null);
    // The seed has decided tickets of hers: they were noted, as seen, not announced.
    expect(decidedMine?.length).toBeGreaterThan(0);
    expect(notices).toEqual([]);
    expect(await unseenOf(priya)).toEqual([]);
  });

  it('announces a new decision once, without the patient, and keeps it unseen across a restart until marked seen', async () => {
    const server = reference.server();
    const { patientId } = await recordsOf(server.db, priyaId);
    const ticketId = randomUUID();
    await priya.call('tickets.raise', {
      patientId,
      type: 'step_up_and_reallocate',
      body: 'Step up to CBT?',
    });
    await priya.syncNow();
    const raised = priya
      .store()
      ?.records.list('ticket')
      .find((t) => t.data.patientId === patientId && t.data.body === 'Step up to CBT?');
    expect(raised).toBeDefined();
    const id = raised?.id ?? ticketId;
    const samuel = await signIn(server, server.account('Dr Samuel Okafor'));
    const reason = 'Two more sessions of guided self-help first.';
    await samuel.push([
      { kind: 'ticket.decide', payload: { ticketId: id, decision: 'decline', comment: reason } },
    ]);

    await priya.syncNow();
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice?.level).toBe('info');
    expect(notice?.message).toBe('Your supervisor decided 1 ticket. See Today.');
    // Fit for the desktop: the setting is on by default, and nothing identifies a patient.
    expect(notice?.desktop).toBe(true);
    const patient = priya.store()?.records.get('patient', patientId)?.data as Patient;
    for (const secret of [patient.givenName, patient.familyName, patient.caseReference, patientId])
      expect(notice?.message).not.toContain(secret);

    // Another round brings nothing new: no second notice.
    await priya.syncNow();
    expect(notices).toHaveLength(1);

    const unseen = await unseenOf(priya);
    expect(unseen).toEqual([
      expect.objectContaining({
        ticketId: id,
        patientId,
        caseReference: patient.caseReference,
        decision: 'decline',
        reason,
        decidedByName: 'Dr Samuel Okafor',
      }),
    ]);

    // Restarted (locked, then unlocked): still unseen, and not announced again.
    const dataDir = priya.dataDir;
    await priya.close({ keepData: true });
    devices.splice(devices.indexOf(priya), 1);
    const again = await startDevice({ serverUrl: reference.proxy().url, dataDir });
    devices.push(again);
    const heard: unknown[] = [];
    again.core.onEvent((channel, payload) => {
      if (channel === 'app.notice') heard.push(payload);
    });
    await again.call('session.unlock', { passcode: 'correct horse battery' });
    await again.synced();
    await again.syncNow();
    expect(heard).toEqual([]);
    expect((await unseenOf(again)).map((d) => d.ticketId)).toEqual([id]);

    await expect(again.call('tickets.markDecisionsSeen', { ticketIds: [] })).rejects.toThrow(
      /INVALID_REQUEST/,
    );
    await expect(
      again.call('tickets.markDecisionsSeen', { ticketIds: ['not-an-id'] }),
    ).rejects.toThrow(/INVALID_REQUEST/);
    expect(await again.call('tickets.markDecisionsSeen', { ticketIds: [id] })).toEqual({
      marked: 1,
    });
    expect(await unseenOf(again)).toEqual([]);
    const [row] = await again.query<{ seen_at: string | null }>(
      'SELECT seen_at FROM decision_notices WHERE ticket_id = ?',
      id,
    );
    expect(row?.seen_at).toEqual(expect.any(String));

    // Desktop notifications turned off on this device: the next notice stays in the app.
    expect(await again.call('app.setNotificationSettings', { desktop: false })).toEqual({
      desktop: false,
    });
    expect(await again.call('app.notificationSettings')).toEqual({ desktop: false });
    await expect(again.call('app.setNotificationSettings', { desktop: 'no' })).rejects.toThrow(
      /INVALID_REQUEST/,
    );
    const next = await samuelDecidesANewTicket(again, patientId, 'Agreed.');
    expect(heard).toEqual([
      { level: 'info', message: 'Your supervisor decided 1 ticket. See Today.', desktop: false },
    ]);
    expect((await unseenOf(again)).map((d) => d.ticketId)).toEqual([next]);
  });
});
