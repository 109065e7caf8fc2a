import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lane, ScopePullQuery } from '../../../../shared/api';
import { createHttpApi } from '../../../../electron/core/api/http-api';
import { createServerClock } from '../../../../electron/core/clock';
import type { Store } from '../../../../electron/core/store';
import { repairDrift } from '../../../../electron/core/sync/drift-repair';
import type { SyncApi } from '../../../../electron/core/sync/sync-api';
import type { TestServer } from '../../../server/support/harness';
import { startDevice, type TestDevice } from '../../../support/device';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { caseloadPatients } from './support';

/**
 * Drift repair repairs, never destroys: when a scope's checksum differs, only that scope's
 * server rows are set right — at any quiet moment, even with the server's head ahead of the
 * device's cursor — and the device's own work (drafts, conflict copies, refused and held-back
 * changes and their optimistic rows) is untouched; nothing is replayed from cursor 0.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

/** A device that compares checksums at every quiet moment. */
async function checkingDevice(via: string): Promise<TestDevice> {
  const device = await startDevice({ serverUrl: via, sync: { checksumEvery: 1 } });
  await device.signIn(server.account('Priya Nair'));
  await device.synced();
  return device;
}

function storeOf(device: TestDevice): Store {
  const store = device.store();
  if (!store) throw new Error('no store');
  return store;
}

/** What exists only on this device, in one patient's scope. */
function arrangeLocalWork(store: Store, patientId: string, therapistId: string) {
  const now = new Date().toISOString();
  const noteId = randomUUID();
  const refusedId = randomUUID();
  store.applyInTransaction(() => {
    store.noteDrafts.save({
      noteId,
      patientId,
      appointmentId: null,
      kind: 'session_note',
      body: 'A draft typed on this device.',
      baseVersion: null,
      savedAt: now,
    });
    store.noteDrafts.keepConflictCopy({
      noteId,
      patientId,
      body: 'The other device’s text, not merged yet.',
      version: 3,
      source: 'other_device',
      savedAt: now,
    });
    store.records.put('message', {
      id: refusedId,
      version: null,
      scope: { kind: 'patient', id: patientId },
      data: {
        id: refusedId,
        patientId,
        therapistId,
        direction: 'outbound',
        body: 'A reply the server refused.',
        sentAt: now,
        readAt: null,
      },
    });
    const entry = store.outbox.enqueue({
      mutationId: randomUUID(),
      kind: 'message.send',
      payload: { messageId: refusedId, patientId, body: 'A reply the server refused.' },
      createdAt: now,
    });
    store.outbox.markRejected(entry.seq, 'Refused (arranged by the test).', now);
  });
  return {
    survives(): void {
      expect(store.noteDrafts.get(noteId)?.body).toBe('A draft typed on this device.');
      expect(store.noteDrafts.listConflictCopies(noteId)).toHaveLength(1);
      expect(store.records.get('message', refusedId)?.data.body).toBe(
        'A reply the server refused.',
      );
      expect(store.outbox.listRejected()).toHaveLength(1);
    },
  };
}

/** Drift: one of the patient's messages is missing here, and one is here that the server lacks. */
function drift(store: Store, patientId: string) {
  const [kept] = store.records
    .listForPatient('message', patientId)
    .filter((m) => m.version !== null);
  if (!kept) throw new Error('the patient has no messages');
  const stray = randomUUID();
  store.applyInTransaction(() => {
    store.records.remove('message', kept.id);
    store.records.put('message', {
      ...kept,
      id: stray,
      version: 1,
      data: { ...kept.data, id: stray, body: 'A row the server never had.' },
    });
  });
  return {
    repaired(): void {
      expect(store.records.get('message', kept.id)?.data.body).toBe(kept.data.body);
      expect(store.records.get('message', stray)).toBeUndefined();
    },
  };
}

describe('drift repair', () => {
  it('repairs a drifted scope at a quiet moment although the server has moved on', async () => {
    const device = await checkingDevice(proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      const store = storeOf(device);
      const drifted = drift(store, patientId ?? '');
      // A busy server: by the time the checksums are read, others have written.
      proxy.rewrite('/sync/checksums', (body) =>
        body.replace(/"asOf":"(\d+)"/, (_m, asOf: string) => `"asOf":"${BigInt(asOf) + 25n}"`),
      );
      await device.syncNow();
      drifted.repaired();
    } finally {
      proxy.heal();
      await device.close();
    }
  });

  it('keeps drafts, conflict copies and refused changes with their rows', async () => {
    const device = await checkingDevice(proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      const store = storeOf(device);
      const local = arrangeLocalWork(store, patientId ?? '', device.userId());
      const drifted = drift(store, patientId ?? '');
      const cursor = device.cursor('core');
      await device.syncNow();
      drifted.repaired();
      local.survives();
      // The lane goes on from where it was: nothing, past evictions included, is replayed.
      expect(BigInt(device.cursor('core') ?? '0')).toBeGreaterThanOrEqual(BigInt(cursor ?? '0'));
      await device.syncNow();
      local.survives();
    } finally {
      await device.close();
    }
  });

  it('reads only the drifted scope, through the scoped pull', async () => {
    const device = await checkingDevice(proxy.url);
    try {
      const [patientId] = await caseloadPatients(device);
      const store = storeOf(device);
      const drifted = drift(store, patientId ?? '');
      const session = store.settings.get('session') as { tokens: { accessToken: string } };
      const http = createHttpApi({ baseUrl: proxy.url, clock: createServerClock() });
      const token = session.tokens.accessToken;
      const api: SyncApi = {
        pull: (query) => http.call('pull', { query, token }),
        push: (body) => http.call('push', { body, token }),
        checksums: (lane: Lane) => http.call('checksums', { query: { lane }, token }),
        pullScope: (query: ScopePullQuery) =>
          http.call('pullScope', { query: { ...query } as Record<string, string>, token }),
      };
      const pullsFromStart = proxy.count('/sync/pull?lane=core&after=0&');
      const scoped = proxy.count('/sync/scope');
      const report = await repairDrift(store, api, await api.checksums('core'), 500);
      expect(report.repaired).toEqual([{ kind: 'patient', id: patientId }]);
      drifted.repaired();
      expect(proxy.count('/sync/scope') - scoped).toBe(1);
      expect(proxy.count('/sync/pull?lane=core&after=0&')).toBe(pullsFromStart);
      // Repaired: the next check finds nothing to do.
      const again = await repairDrift(store, api, await api.checksums('core'), 500);
      expect(again.rowsChanged).toBe(0);
    } finally {
      await device.close();
    }
  });
});
