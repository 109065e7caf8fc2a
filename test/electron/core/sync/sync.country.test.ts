import { beforeAll, describe, expect, it } from 'vitest';
import { approveCountry, revokeDevice, withdrawCountry } from '../../../../server/admin/operations';
import type { TestServer } from '../../../server/support/harness';
import { startDevice } from '../../../support/device';
import { patientSendsMessage } from '../../../support/patient-actions';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * The approved-country gate is not the end of access: the session shows the location
 * screen, and the engine keeps trying with backoff, so an approval (or a return to an
 * approved country) resumes sync on the next attempt — no restart needed.
 */
const reference = useReferenceServer();
let server: TestServer;
beforeAll(() => {
  server = reference.server();
});

describe('COUNTRY_NOT_APPROVED', () => {
  it('shows the location screen and resumes sync on the next attempt once approved', async () => {
    // 127.0.3.0/24 is Spain in the development GeoIP table; Spain is approved in the seed.
    const device = await startDevice({
      serverUrl: server.url,
      localAddress: '127.0.3.9',
      deviceZone: 'Europe/Madrid',
    });
    try {
      await device.signIn(server.account('Priya Nair'));
      await device.synced();
      const [patient] = await server.db.query<{ id: string }>(
        `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY id LIMIT 1`,
        [device.userId()],
      );
      if (!patient) throw new Error('empty caseload');

      await withdrawCountry(server.db, 'ES');
      await device.syncNow();
      const refused = device.core.syncEngine()?.current();
      expect(refused?.phase).toBe('backing-off');
      expect(refused?.nextAttemptAt).not.toBeNull();
      expect(refused?.lastError).toMatch(/ES|Spain|country/i);
      const session = await device.call<{ state: string }>('session.status');
      expect(session.state).toBe('location-check-needed');

      await approveCountry(server.db, 'ES');
      const body = 'Sent while the country was being approved again.';
      await patientSendsMessage(server.db, patient.id, body);
      await device.syncNow();
      const resumed = device.core.syncEngine()?.current();
      expect(resumed?.lastError).toBeNull();
      expect(resumed?.phase).toBe('idle');
      const arrived = device
        .store()
        ?.records.listForPatient('message', patient.id)
        .some((m) => m.data.body === body);
      expect(arrived).toBe(true);
    } finally {
      await device.close();
    }
  });

  it('still ends syncing for good when the device is revoked', async () => {
    const device = await startDevice({ serverUrl: server.url });
    try {
      await device.signIn(server.account('Tom Reeve'));
      await device.synced();
      const engine = device.core.syncEngine();
      await revokeDevice(server.db, device.deviceId());
      await engine?.syncNow();
      expect(device.core.syncEngine()).toBeNull();
      expect((await device.call<{ state: string }>('session.status')).state).toBe('signed-out');
    } finally {
      await device.close();
    }
  });
});
