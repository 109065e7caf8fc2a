import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import { touchFeed } from '../../../../server/sync/feed';
import type { CrisisPanel, DataFreshnessView } from '../../../../shared/ipc';
import { serviceCoverPathIn, wipeDeviceData } from '../../../../electron/core/keys';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * The crisis panel answers in every state of the app: the service's numbers always (saved
 * beside the database for a locked screen before it opens), a patient's local emergency
 * contacts only while patient data is open. "Data as of" is when the core lane last reached
 * the end of the feed, and is stale past the service's setting.
 */
const reference = useReferenceServer();
let server: TestServer;
beforeAll(() => {
  server = reference.server();
});
const devices: TestDevice[] = [];
afterAll(async () => {
  for (const d of devices) await d.close().catch(() => undefined);
});

const OFFICE = '0113 496 0123';
const ON_CALL = '0161 496 0456';

/** A signed-in, synced device and a cached patient of it with a local emergency contact. */
async function deviceWithContact(options: { now?: () => number } = {}) {
  const d = await startDevice({ serverUrl: server.url, ...options });
  devices.push(d);
  await d.signIn(server.account('Priya Nair'), 'crisis passcode');
  await d.synced();
  const store = d.store();
  const contact = store?.records.list('emergencyContact')[0]?.data;
  const patient = contact ? store?.records.get('patient', contact.patientId)?.data : undefined;
  if (!contact || !patient) throw new Error('no cached patient with an emergency contact');
  return { d, contact, patient, name: `${patient.givenName} ${patient.familyName}` };
}

describe('the crisis panel', () => {
  it("shows the service's numbers and the patient's local emergency contacts while patient data is open, and only the service's numbers while locked", async () => {
    const { d, contact, patient, name } = await deviceWithContact();
    const open = await d.call<CrisisPanel>('crisis.panel', { patientId: patient.id });
    expect(open).toMatchObject({
      source: 'synced',
      patientDataOpen: true,
      service: { officeNumber: OFFICE, onCallNumber: ON_CALL },
      patient: { patientId: patient.id, name },
    });
    expect(open.patient?.contacts).toContainEqual({
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      localEmergencyNumber: contact.localEmergencyNumber,
    });

    await d.call('session.lock');
    const locked = await d.call<CrisisPanel>('crisis.panel', { patientId: patient.id });
    expect(locked).toMatchObject({
      patientDataOpen: false,
      patient: null,
      service: { officeNumber: OFFICE, onCallNumber: ON_CALL },
    });
    for (const secret of [name, contact.name, contact.phone, patient.id])
      expect(JSON.stringify(locked)).not.toContain(secret);
  });

  it('shows the numbers saved at the last sync on a locked screen before the database opens, and the device erase removes them', async () => {
    const { d } = await deviceWithContact();
    const dataDir = d.dataDir;
    expect(existsSync(serviceCoverPathIn(dataDir))).toBe(true);
    await d.close({ keepData: true });
    // Started again: the passcode seals the key, so the database stays closed until unlock.
    const again = await startDevice({ serverUrl: server.url, dataDir });
    devices.push(again);
    expect((await again.call<{ state: string }>('session.status')).state).toBe('locked');
    expect(again.store()).toBeNull();
    const panel = await again.call<CrisisPanel>('crisis.panel', { patientId: null });
    expect(panel).toMatchObject({
      source: 'saved',
      patientDataOpen: false,
      patient: null,
      service: { officeNumber: OFFICE, onCallNumber: ON_CALL },
    });
    await again.close({ keepData: true });
    wipeDeviceData(dataDir);
    expect(existsSync(serviceCoverPathIn(dataDir))).toBe(false);
  });
});

describe('data as of', () => {
  it('is when the caseload, messages and measures were last complete, and stale past the service’s setting', async () => {
    const shift = { ms: 0 };
    const { d } = await deviceWithContact({ now: () => Date.now() + shift.ms });
    const fresh = await d.call<DataFreshnessView>('sync.freshness');
    expect(fresh).toMatchObject({ stale: false, staleAfterHours: 24, warning: null });
    expect(fresh.dataAsOf).not.toBeNull();
    expect(fresh.sentence).toMatch(/^Data as of /);

    // The service sets one hour; two hours pass without a complete sync.
    await server.db.transaction(async (tx) => {
      const [config] = await tx.query<{ id: string; org_id: string }>(
        `UPDATE service_config SET config = config || '{"staleDataWarningHours": 1}'::jsonb
          WHERE org_id = (SELECT org_id FROM users WHERE email = $1) RETURNING id, org_id`,
        [server.account('Priya Nair').email],
      );
      if (!config) throw new Error('no service configuration');
      await touchFeed(tx, {
        entity: 'serviceConfig',
        id: config.id,
        orgId: config.org_id,
        patientId: null,
        therapistId: null,
      });
    });
    await d.syncNow();
    const stillFresh = await d.call<DataFreshnessView>('sync.freshness');
    expect(stillFresh).toMatchObject({ stale: false, staleAfterHours: 1 });
    shift.ms = 2 * 3_600_000;
    const stale = await d.call<DataFreshnessView>('sync.freshness');
    expect(stale).toMatchObject({ stale: true, dataAsOf: stillFresh.dataAsOf });
    expect(stale.warning).toMatch(/more than 1 hour/);
  });
});
