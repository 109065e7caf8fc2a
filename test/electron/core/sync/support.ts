import type { SyncStatus } from '../../../../shared/ipc';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';

/** Shared steps of the sync specifications (one concern per file, like Joplin's suites). */

export async function signedInDevice(
  server: TestServer,
  via: string,
  name = 'Priya Nair',
): Promise<TestDevice> {
  const device = await startDevice({ serverUrl: via });
  await device.signIn(server.account(name));
  await device.synced();
  return device;
}

export async function caseloadPatients(device: TestDevice, count = 1): Promise<string[]> {
  const { entries } = await device.call<{ entries: { patientId: string }[] }>('caseload.list', {});
  if (entries.length < count) throw new Error(`caseload has ${entries.length} < ${count} patients`);
  return entries.slice(0, count).map((e) => e.patientId);
}

export async function countRows(
  server: TestServer,
  table: string,
  where: string,
  params: unknown[],
): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return Number(row?.n);
}

export const syncStatus = (device: TestDevice): Promise<SyncStatus> =>
  device.call<SyncStatus>('sync.status');

export interface ThreadMessage {
  readonly id: string;
  readonly body: string;
  readonly syncState: string;
  readonly rejectedReason: string | null;
}
export async function thread(device: TestDevice, patientId: string): Promise<ThreadMessage[]> {
  return (
    await device.call<{ messages: ThreadMessage[] }>('messages.thread', { patientId, limit: 200 })
  ).messages;
}
