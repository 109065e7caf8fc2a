import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../../server/support/harness';
import type { FaultProxy } from '../../../support/fault-proxy';
import { useReferenceServer } from '../../../support/reference-server';
import { startDevice, type TestDevice } from '../../../support/device';
import { patientSendsMessage } from '../../../support/patient-actions';
import { reallocatePatient, revokeDevice } from '../../../../server/admin/operations';

/**
 * The sync engine as a therapist relies on it: a real reference server (in-memory PGlite,
 * demo seed) on loopback, real encrypted SQLite files, the whole core behind the IPC
 * contract, and a fault-injecting HTTP hop for the network's failures.
 */
const reference = useReferenceServer();
let server: TestServer;
let proxy: FaultProxy;
beforeAll(() => {
  server = reference.server();
  proxy = reference.proxy();
});

async function signedIn(name = 'Priya Nair', via: string = proxy.url): Promise<TestDevice> {
  const device = await startDevice({ serverUrl: via });
  await device.signIn(server.account(name));
  await device.synced();
  return device;
}

const countRows = async (table: string, where: string, params: unknown[]) =>
  Number(
    (
      await server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
        params,
      )
    )[0]?.n,
  );

describe('first and incremental sync', () => {
  it('brings the caseload, then transcripts, and the workspace answers from the cache', async () => {
    const device = await signedIn();
    try {
      const caseload = await device.call<{ entries: { patientId: string; name: string }[] }>(
        'caseload.list',
        {},
      );
      const expected = await countRows('patients', `therapist_id = $1 AND status = 'active'`, [
        device.userId(),
      ]);
      expect(caseload.entries).toHaveLength(expected);
      const status = await device.call<{
        progress: { core: { caughtUp: boolean }; transcripts: { caughtUp: boolean } };
      }>('sync.status');
      expect(status.progress.core.caughtUp && status.progress.transcripts.caughtUp).toBe(true);
      const transcripts = await device.call<{ transcripts: unknown[] }>('transcripts.list', {});
      expect(transcripts.transcripts.length).toBeGreaterThan(0);
      const deadlines = await device.call<{ deadlines: unknown[] }>('deadlines.list', {});
      expect(Array.isArray(deadlines.deadlines)).toBe(true);
    } finally {
      await device.close();
    }
  });

  it('picks up a message a patient sent since the last sync', async () => {
    const device = await signedIn();
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const before = (
        await device.call<{ messages: unknown[] }>('messages.thread', {
          patientId: entry.patientId,
          limit: 200,
        })
      ).messages.length;
      await patientSendsMessage(
        server.db,
        entry.patientId,
        'I tried the breathing exercise twice this week.',
      );
      await device.syncNow();
      const after = await device.call<{ messages: { body: string }[] }>('messages.thread', {
        patientId: entry.patientId,
        limit: 200,
      });
      expect(after.messages).toHaveLength(before + 1);
      expect(after.messages[0]?.body).toContain('breathing exercise');
    } finally {
      await device.close();
    }
  });
});

describe('the patient record', () => {
  it('computes an outcome for every patient on the caseload (ADSMs configured from the service)', async () => {
    const device = await signedIn('Priya Nair', server.url);
    try {
      const entries = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      for (const entry of entries) {
        const record = await device.call<{ outcome: { status: string; label: string } | null }>(
          'patients.get',
          { patientId: entry.patientId },
        );
        expect(record.outcome?.status, record.outcome?.label).not.toBe('unavailable');
      }
    } finally {
      await device.close();
    }
  });
});

describe('audit', () => {
  it('records every open of a patient record, transcript and note, and syncs it', async () => {
    const device = await signedIn('Priya Nair', server.url);
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const record = await device.call<{ outcome: { status: string } | null }>('patients.get', {
        patientId: entry.patientId,
      });
      expect(record.outcome?.status).not.toBe('unavailable');
      const [transcript] = (
        await device.call<{ transcripts: { id: string }[] }>('transcripts.list', {
          patientId: entry.patientId,
        })
      ).transcripts;
      if (transcript) await device.call('transcripts.page', { transcriptId: transcript.id });
      const note = await device.call<{ noteId: string }>('notes.create', {
        patientId: entry.patientId,
        appointmentId: null,
        kind: 'session_note',
      });
      await device.call('notes.open', { noteId: note.noteId });
      await device.syncNow();
      const rows = await server.db.query<{ action: string; country: string }>(
        'SELECT action, country FROM audit_events WHERE device_id = $1 AND patient_id = $2',
        [device.deviceId(), entry.patientId],
      );
      const actions = rows.map((r) => r.action).sort();
      expect(actions).toEqual(
        ['open_note', 'open_patient', ...(transcript ? ['open_transcript'] : [])].sort(),
      );
      expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['GB']));
    } finally {
      await device.close();
    }
  });
});

describe('offline work reaches the server exactly once', () => {
  it('keeps replies made offline and sends them once when the network returns', async () => {
    const device = await signedIn();
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      proxy.offline = true;
      const bodies = [
        'Thanks for your message — see you Thursday.',
        'Here is the worksheet we discussed.',
      ];
      for (const body of bodies)
        await device.call('messages.reply', { patientId: entry.patientId, body });
      await device.syncNow();
      const offline = await device.call<{ connection: string; pendingChanges: number }>(
        'sync.status',
      );
      expect(offline.connection).toBe('offline');
      expect(offline.pendingChanges).toBeGreaterThanOrEqual(2);
      const thread = await device.call<{ messages: { body: string; syncState: string }[] }>(
        'messages.thread',
        { patientId: entry.patientId },
      );
      expect(
        thread.messages.filter((m) => bodies.includes(m.body)).map((m) => m.syncState),
      ).toEqual(['pending', 'pending']);
      proxy.offline = false;
      await device.syncNow();
      for (const body of bodies)
        expect(
          await countRows('messages', 'patient_id = $1 AND body = $2', [entry.patientId, body]),
        ).toBe(1);
      const online = await device.call<{ pendingChanges: number; rejected: unknown[] }>(
        'sync.status',
      );
      expect(online.pendingChanges).toBe(0);
      expect(online.rejected).toEqual([]);
    } finally {
      proxy.offline = false;
      await device.close();
    }
  });

  it('does not duplicate a mutation whose response was lost after the server committed it', async () => {
    const device = await signedIn();
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const body = 'Lost-response check: one copy only, please.';
      proxy.loseNextResponse('/sync/push');
      await device.call('messages.reply', { patientId: entry.patientId, body });
      await device.syncNow(); // the push commits on the server; its answer never arrives
      await device.syncNow(); // the retry replays the same seq + id
      expect(await countRows('messages', 'body = $1', [body])).toBe(1);
      expect((await device.call<{ pendingChanges: number }>('sync.status')).pendingChanges).toBe(0);
    } finally {
      await device.close();
    }
  });

  it('shows a refused change with its reason and carries on with the rest of the queue', async () => {
    const device = await signedIn();
    try {
      const [first, second] = (
        await device.call<{ entries: { patientId: string }[] }>('caseload.list', {})
      ).entries;
      if (!first || !second) throw new Error('caseload too small');
      // Reallocate the first patient on the server while this device still shows them.
      proxy.offline = true;
      await device.call('messages.reply', {
        patientId: first.patientId,
        body: 'Written before the reallocation reached me.',
      });
      await device.call('messages.reply', {
        patientId: second.patientId,
        body: 'This one must still arrive.',
      });
      const other = await server.db.query<{ id: string }>(
        `SELECT id FROM users WHERE display_name = 'Rhys Ellis'`,
      );
      await reallocatePatient(server.db, first.patientId, other[0]?.id ?? '', 'capacity');
      proxy.offline = false;
      await device.syncNow();
      const status = await device.call<{
        rejected: { summary: string; reason: string }[];
        pendingChanges: number;
      }>('sync.status');
      expect(status.rejected).toHaveLength(1);
      expect(status.rejected[0]?.reason.length).toBeGreaterThan(10);
      expect(await countRows('messages', 'body = $1', ['This one must still arrive.'])).toBe(1);
    } finally {
      proxy.offline = false;
      await device.close();
    }
  });
});

describe('loss of access', () => {
  it('removes every row of a reallocated patient from the device', async () => {
    const device = await signedIn('Tom Reeve', server.url);
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const held = await device.rowsOfPatient(entry.patientId);
      expect(held.total).toBeGreaterThan(3);
      const other = await server.db.query<{ id: string }>(
        `SELECT id FROM users WHERE display_name = 'Amelia Hart'`,
      );
      await reallocatePatient(server.db, entry.patientId, other[0]?.id ?? '', 'caseload balance');
      await device.syncNow();
      expect(await device.rowsOfPatient(entry.patientId)).toEqual({ total: 0, byTable: {} });
      const search = await device.call<{ entries: { patientId: string }[] }>('caseload.list', {});
      expect(search.entries.map((e) => e.patientId)).not.toContain(entry.patientId);
    } finally {
      await device.close();
    }
  });

  it('wipes the database and key files when the device is revoked', async () => {
    const device = await signedIn('Rhys Ellis', server.url);
    const dir = device.dataDir;
    expect(readdirSync(dir).length).toBeGreaterThan(0);
    await revokeDevice(server.db, device.deviceId());
    await device.syncNow();
    const status = await device.call<{ state: string; reason: string | null }>('session.status');
    expect(status.state).toBe('signed-out');
    expect(status.reason ?? '').toMatch(/revoked|removed/i);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    await device.close();
  });
});

describe('conflicts and bad pages', () => {
  it('keeps both versions when one note is edited on two devices, and asks for a merge', async () => {
    const laptop = await signedIn('Priya Nair', server.url);
    const desktop = await signedIn('Priya Nair', server.url);
    try {
      const [entry] = (await laptop.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const created = await laptop.call<{ noteId: string }>('notes.create', {
        patientId: entry.patientId,
        appointmentId: null,
        kind: 'session_note',
      });
      await laptop.call('notes.autosave', {
        noteId: created.noteId,
        body: 'First draft from the laptop.',
      });
      await laptop.syncNow();
      await desktop.syncNow();
      await laptop.call('notes.autosave', {
        noteId: created.noteId,
        body: 'Laptop: patient reported better sleep.',
      });
      await desktop.call('notes.autosave', {
        noteId: created.noteId,
        body: 'Desktop: agreed homework — thought record.',
      });
      await laptop.syncNow();
      await desktop.syncNow();
      const view = await desktop.call<{ conflicts: { body: string; source: string }[] }>(
        'notes.open',
        { noteId: created.noteId },
      );
      expect(view.conflicts.map((c) => c.body).sort()).toEqual([
        'Desktop: agreed homework — thought record.',
        'Laptop: patient reported better sleep.',
      ]);
      // A conflict is not a refusal: both texts wait in the merge view, nothing is refused.
      const status = await desktop.call<{ rejected: { reason: string }[]; noteConflicts: number }>(
        'sync.status',
      );
      expect(status.rejected).toEqual([]);
      expect(status.noteConflicts).toBe(1);
      const merged = 'Patient reported better sleep. Agreed homework: thought record.';
      await desktop.call('notes.resolveConflict', { noteId: created.noteId, body: merged });
      await desktop.syncNow();
      const [row] = await server.db.query<{ body: string }>(
        'SELECT body FROM notes WHERE id = $1',
        [created.noteId],
      );
      expect(row?.body).toBe(merged);
    } finally {
      await laptop.close();
      await desktop.close();
    }
  });

  it.each([
    ['wrong types', (page: string) => page.replace(/"version":(\d+)/, '"version":"$1"')],
    ['a missing field', (page: string) => page.replace(/"cursor":"\d+",/, '')],
    ['an unknown op', (page: string) => page.replace('"op":"upsert"', '"op":"merge"')],
  ])('rejects a page with %s whole, leaving the cache untouched', async (_name, corrupt) => {
    const device = await signedIn();
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      if (!entry) throw new Error('empty caseload');
      const before = (await device.rowsOfPatient(entry.patientId)).total;
      const cursor = device.cursor('core');
      await patientSendsMessage(server.db, entry.patientId, 'Arrives inside a corrupted page.');
      proxy.rewrite('/sync/pull', corrupt);
      await device.syncNow();
      const status = await device.call<{ lastError: string | null }>('sync.status');
      expect(status.lastError ?? '').toMatch(/invalid|malformed|unexpected/i);
      expect(device.cursor('core')).toBe(cursor);
      expect((await device.rowsOfPatient(entry.patientId)).total).toBe(before);
      proxy.rewrite('/sync/pull', null);
      await device.syncNow();
      expect((await device.rowsOfPatient(entry.patientId)).total).toBe(before + 1);
    } finally {
      proxy.rewrite('/sync/pull', null);
      await device.close();
    }
  });
});
