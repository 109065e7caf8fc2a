import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 13 item 10: the hours CSV leaves the app with case references in it, so saving it is
 * an export in the audit trail the service keeps (who, which device, when, from where).
 */
const reference = useReferenceServer();
let device: TestDevice;

beforeAll(async () => {
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(reference.server().account('Tom Reeve'));
  await device.synced();
});
afterAll(async () => device?.close());

describe('exporting the statement of hours', () => {
  it('is recorded on the device and reaches the service as an export by this therapist', async () => {
    const exportsOf = async (): Promise<{ action: string; country: string | null }[]> =>
      reference.server().db.query(
        `SELECT a.action, a.country FROM audit_events a JOIN users u ON u.id = a.user_id
          WHERE u.display_name = 'Tom Reeve' AND a.action = 'export'`,
      );
    expect(await exportsOf()).toEqual([]);
    await device.call('hours.exported', { year: 2026, month: 11 });
    await device.syncNow();
    expect(await exportsOf()).toEqual([{ action: 'export', country: 'GB' }]);
  });

  it('refuses a month that is not one, in words', async () => {
    await expect(device.call('hours.exported', { year: 2026, month: 13 })).rejects.toThrow();
  });
});
