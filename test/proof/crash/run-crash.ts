import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../electron/core/store';
import { reallocatePatient } from '../../../server/admin/operations';
import { patientSendsMessage } from '../../support/patient-actions';
import { checkScopeEquality, type Violation } from '../chaos/invariants';
import { UpstreamPool } from '../support/chaos-proxy';
import { openDeviceAt, PASSCODE } from '../support/device-at';
import { deviceKeyOf } from '../support/local-db';
import { seededRandom } from '../support/random';
import { type ServerPool, startServerPool } from '../support/server-pool';
import { CRASH_MODES, type CrashHostConfig, type CrashMode } from './modes';
import { cursorMismatches, latestAutosave } from './checks';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const host = path.join(root, '.tsbuild/proof/crash-host.mjs');

/**
 * The host is bundled once (esbuild, which tsx already brings): a cold `--import tsx` start
 * costs seconds per kill on a loaded two-core machine, a bundle half that.
 */
async function bundleHost(): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'test/proof/crash/crash-host.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: host,
    packages: 'external',
    logLevel: 'warning',
  });
}

export interface CrashOptions {
  seed: number;
  kills: number;
  /** Start over from an empty device (a fresh initial sync) every this many kills. */
  freshEvery?: number;
  /**
   * Commit the reallocations of the eviction mode while the core pulls (default). Off, they
   * are committed before the host starts and undone after the checks: no race with a pull.
   */
  raceEvictions?: boolean;
  /** Stop killing after this instant (epoch ms): the report says how many kills ran. */
  deadline?: number;
  /** The modes to kill in after the initial sync (default: all of them). */
  modes?: readonly CrashMode[];
  log?: (line: string) => void;
  /** A seeded demo server to sync with (default: one of its own). */
  pool?: ServerPool;
}
export interface CrashReport {
  seed: number;
  kills: number;
  plannedKills: number;
  seconds: number;
  byMode: Record<string, number>;
  acknowledged: { syncs: number; autosaves: number };
  violations: Violation[];
}

/** Run the host until a random moment after it is ready; SIGKILL it; return its lines. */
function runAndKill(config: CrashHostConfig, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [host, JSON.stringify(config)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => proc.kill('SIGKILL'), killAfterMs + 60_000);
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (timer === undefined && out.includes('ready\n'))
        timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      clearTimeout(guard);
      clearTimeout(timer);
      if (signal !== 'SIGKILL')
        reject(new Error(`the core's host ended by itself: ${err.slice(-2000)}`));
      else resolve(out.split('\n').filter((l) => l.length > 0));
    });
  });
}

/**
 * Part 2 of the proof: SIGKILL the process hosting the core at random points of the initial
 * sync, incremental sync, note autosave, eviction and drift repair; after each kill the store
 * opens cleanly, passes integrity_check, its cursors match its rows, every acknowledged
 * autosave survived, and a sync then completes and leaves the device equal to the server.
 */
export async function runCrashLoop(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  await bundleHost();
  const upstreams = new UpstreamPool();
  const pool = options.pool ?? (await startServerPool('pglite', upstreams));
  const serverUrl = pool.urls()[0] ?? '';
  const account = pool.account('Tom Reeve');
  const [tom] = await pool.db.query<{ id: string }>(
    `SELECT id FROM users WHERE display_name = 'Tom Reeve'`,
  );
  const [amelia] = await pool.db.query<{ id: string }>(
    `SELECT id FROM users WHERE display_name = 'Amelia Hart'`,
  );
  const violations: Violation[] = [];
  const byMode: Record<string, number> = {};
  const acknowledged = { syncs: 0, autosaves: 0 };
  const freshEvery = options.freshEvery ?? 40;
  let dataDir = '';
  let noteId: string | null = null;
  let autosaveAcked = 0;
  let violationsBefore = 0;
  const fresh = () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'proof-crash-'));
    noteId = null;
    autosaveAcked = 0;
  };
  const fail = (kill: number, mode: CrashMode, invariant: string, detail: string) =>
    violations.push({ invariant, device: `kill ${kill} (${mode})`, detail });
  try {
    for (let kill = 1; kill <= options.kills; kill += 1) {
      if (options.deadline !== undefined && Date.now() > options.deadline) break;
      // A broken device would repeat its violation at every later kill: start over instead.
      const isFresh = (kill - 1) % freshEvery === 0 || violations.length > violationsBefore;
      violationsBefore = violations.length;
      if (isFresh) fresh();
      const mode: CrashMode = isFresh
        ? 'initial'
        : random.pick((options.modes ?? CRASH_MODES).filter((m) => m !== 'initial'));
      byMode[mode] = (byMode[mode] ?? 0) + 1;
      const background: Promise<unknown>[] = [];
      const undo: (() => Promise<unknown>)[] = [];
      if (mode === 'incremental') {
        const [p] = await pool.db.query<{ id: string }>(
          `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY random() LIMIT 1`,
          [tom?.id],
        );
        if (p)
          for (let i = 0; i < 5; i += 1)
            await patientSendsMessage(pool.db, p.id, `Crash loop message ${kill}.${i}`);
      }
      if (mode === 'eviction') {
        // Move a patient away and back while the core pulls (and is killed).
        const [p] = await pool.db.query<{ id: string }>(
          `SELECT id FROM patients WHERE therapist_id = $1 AND status = 'active' ORDER BY random() LIMIT 1`,
          [tom?.id],
        );
        const delay = random.int(0, 800);
        const away = () => reallocatePatient(pool.db, p?.id ?? '', amelia?.id ?? '', 'crash loop');
        const back = () =>
          reallocatePatient(pool.db, p?.id ?? '', tom?.id ?? '', 'crash loop: back');
        if (p && options.raceEvictions === false) {
          await away();
          undo.push(back);
        } else if (p)
          background.push(
            new Promise((r) => setTimeout(r, delay))
              .then(away)
              .then(() => new Promise((r) => setTimeout(r, delay)))
              .then(back),
          );
      }
      const lines = await runAndKill(
        {
          dataDir,
          serverUrl,
          account,
          mode,
          seed: random.int(1, 2 ** 31),
          noteId,
          autosaveFrom: autosaveAcked + 1,
        },
        random.int(0, mode === 'initial' ? 7000 : 2500),
      );
      await Promise.all(background);
      for (const line of lines) {
        const [kind, value] = line.split(' ');
        if (kind === 'note') noteId = value ?? null;
        if (kind === 'autosave') {
          autosaveAcked = Math.max(autosaveAcked, Number(value));
          acknowledged.autosaves += 1;
        }
        if (kind === 'synced') acknowledged.syncs += 1;
      }
      // After the kill: the database opens, is whole, and its cursors match its rows.
      let opened: ReturnType<typeof openStore>;
      try {
        // Opened as the app opens it (the passcode seals the key without an OS keychain).
        const key = await deviceKeyOf(dataDir);
        if (!key) {
          // Killed before the first sign-in sealed a key: no database yet, which is fine.
          if (lines.includes('signed-in') || !isFresh)
            fail(kill, mode, 'database-opens', 'no database key after a completed sign-in');
          continue;
        }
        try {
          opened = openStore({ directory: dataDir, key });
        } finally {
          key.fill(0);
        }
      } catch (error) {
        if (lines.includes('signed-in') || !isFresh)
          fail(kill, mode, 'database-opens', String(error));
        continue;
      }
      const { store, recovery } = opened;
      try {
        if (recovery)
          fail(kill, mode, 'database-opens', `recovery: ${recovery.reason} ${recovery.detail}`);
        const integrity = store.integrityCheck();
        if (integrity !== 'ok') fail(kill, mode, 'integrity-check', integrity);
        // The drift mode removes rows behind the feed's back on purpose: those are the damage
        // the repair must set right (checked after the restart below), not a torn page.
        const dropped = lines.filter((l) => l.startsWith('dropped ')).map((l) => l.slice(8));
        for (const p of await cursorMismatches(pool.db, tom?.id ?? '', dataDir, store))
          if (!dropped.some((id) => p.includes(id))) fail(kill, mode, 'cursor-matches-data', p);
        if (noteId && autosaveAcked > 0) {
          const kept = await latestAutosave(pool.db, store, noteId);
          if (kept < autosaveAcked)
            fail(
              kill,
              mode,
              'acknowledged-autosave-present',
              `autosave ${autosaveAcked} acknowledged, newest kept is ${kept}`,
            );
        }
      } finally {
        store.close();
      }
      for (const step of undo) await step();
      // ...and a sync completes, leaving the device equal to the server.
      // After a drift-mode kill, the first sync checks the checksums (as the drift mode did).
      const device = openDeviceAt({
        dataDir,
        serverUrl,
        ...(mode === 'drift' ? { checksumEvery: 1 } : {}),
      });
      try {
        const state = (await device.call<{ state: string }>('session.status')).state;
        if (state === 'signed-out') {
          if (lines.includes('signed-in'))
            fail(kill, mode, 'session-kept', 'signed out after the kill');
          continue;
        }
        // Without an OS keychain the passcode seals the key: the store opens at unlock.
        if (state === 'locked') {
          const unlocked = await device
            .call('session.unlock', { passcode: PASSCODE })
            .then(() => null)
            .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
          if (unlocked !== null) {
            // A kill inside the first sign-in (after the key was sealed, before the session
            // was stored): the core erases the half-made device at unlock and asks for a
            // sign-in. Anywhere else the session must survive the kill.
            const after = (await device.call<{ state: string }>('session.status')).state;
            if (lines.includes('signed-in') || !isFresh || after !== 'signed-out')
              fail(kill, mode, 'session-kept', `unlock refused (${after}): ${unlocked}`);
            continue;
          }
        }
        await device.syncNow();
        const status = await device.call<{ lastError: string | null }>('sync.status');
        if (status.lastError) fail(kill, mode, 'sync-completes', status.lastError);
        const view = {
          dataDir,
          store: device.store,
          userId: () => tom?.id ?? '',
          cursor: (lane: string) => device.store()?.cursors.get(lane) ?? null,
        };
        for (const v of await checkScopeEquality(pool.db, 'crash device', view))
          fail(kill, mode, v.invariant, v.detail);
      } catch (error) {
        // Reported with the kill that caused it; the loop goes on from a fresh device.
        fail(
          kill,
          mode,
          'restart-completes',
          error instanceof Error ? error.message : String(error),
        );
      } finally {
        await device.close();
      }
      if (kill % 10 === 0 || violations.length > 0)
        log(
          `[crash] kill ${kill}/${options.kills} at ${Math.round((performance.now() - started) / 1000)} s: ${JSON.stringify(byMode)}, ${violations.length} violations`,
        );
    }
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (!options.pool) await pool.close();
  }
  return {
    seed: options.seed,
    kills: Object.values(byMode).reduce((a, b) => a + b, 0),
    plannedKills: options.kills,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    byMode,
    acknowledged,
    violations,
  };
}
