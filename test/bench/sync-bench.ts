/**
 * `npm run bench`: the sync and query figures of issue [core] on the `large` profile over
 * loopback. Not a test: it measures and reports (bench/results/latest.json + a table).
 *
 *   host ── the bench process: hosts the core's worker thread, as Electron main would
 *   core ── the built out/main/core-worker.js (same file as the app), file-key test seam
 *   server ─ a separate process (test/bench/support/large-server.ts), in-memory PGlite
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { bridgeToCore } from '../../electron/core/host/core-bridge';
import { startCoreWorker } from '../../electron/core/host/core-worker';
import type { SyncStatus } from '../../shared/ipc';
import { rawInsertTranscripts } from './raw-insert';
import { bareInitialPull } from './support/bare-client';
import { SEARCH_WORDS, ftsMedianMs, syncedStoreOf } from './support/fts';

const root = path.resolve(import.meta.dirname, '../..');
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (message: string): void => console.error(`[bench] ${message}`);

// ---- the server, seeded with the large profile, in its own process -------------------------
log('seeding the large profile (250 patients, 2,000 sessions, 400k utterances, 20k messages)…');
const serverProcess = fork(path.join(root, 'test/bench/support/large-server.ts'), [], {
  execArgv: [
    '--import',
    'tsx',
    // BENCH_CPU_PROF=<dir>: the server's profile too.
    ...(process.env['BENCH_CPU_PROF']
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
      : []),
  ],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const {
  url: serverUrl,
  counts,
  seedSeconds,
} = await new Promise<{ url: string; counts: Record<string, number>; seedSeconds: number }>(
  (resolve, reject) => {
    let out = '';
    serverProcess.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+) (.*)\n/.exec(out);
      if (match?.[1] && match[2])
        resolve({
          url: match[1],
          ...(JSON.parse(match[2]) as { counts: Record<string, number>; seedSeconds: number }),
        });
    });
    serverProcess.once('exit', (code) => reject(new Error(`large server exited ${code}`)));
  },
);
log(
  `server ready at ${serverUrl} (seeded in ${round(seedSeconds, 1)} s): ${JSON.stringify(counts)}`,
);
const accounts = (await (await fetch(`${serverUrl}/demo/accounts`)).json()) as {
  accounts: { email: string; password: string; displayName: string; totpSecret: string }[];
};
const jordan = accounts.accounts.find((a) => a.displayName === 'Jordan Blake');
if (!jordan) throw new Error('the large profile has no Jordan Blake');

// ---- the core in a worker thread of this process ----------------------------------------
const PASSCODE = 'bench-passcode';
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-device-'));
const worker = await startCoreWorker({
  entry: path.join(root, 'out/main/core-worker.js'),
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the core's thread, to see where the time goes.
  ...(process.env['BENCH_CPU_PROF']
    ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`] }
    : {}),
  workerData: {
    host: 'preview',
    appName: 'bench',
    appVersion: '0',
    platform: process.platform,
    packaged: false,
    dataDir,
    defaultServerUrl: serverUrl,
    demo: true,
    keyStore: { kind: 'file-test-seam' },
  },
});
const core = bridgeToCore(worker, (m, e) => log(`${m} ${String(e ?? '')}`));
const call = async <T>(channel: string, request: unknown = {}): Promise<T> => {
  const result = await core.dispatcher.dispatch(channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
};
let status: SyncStatus | null = null;
const waiters: { test: (s: SyncStatus) => boolean; resolve: () => void }[] = [];
core.onEvent((channel, payload) => {
  if (channel !== 'sync.changed') return;
  status = payload as SyncStatus;
  for (const w of [...waiters]) {
    if (!w.test(status)) continue;
    waiters.splice(waiters.indexOf(w), 1);
    w.resolve();
  }
});
const until = (test: (s: SyncStatus) => boolean): Promise<void> =>
  status && test(status)
    ? Promise.resolve()
    : new Promise((resolve) => waiters.push({ test, resolve }));

// ---- initial sync -----------------------------------------------------------------------
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
// The whole process (host + the core's worker thread), sampled through the sync, not at its end.
// The sign-in is counted apart as well: without an OS keychain it seals the database key
// with two scrypt derivations of 128 MiB each (keys/key-slots.ts), a transient the KDF's
// memory-hardness is made of, not the sync's.
let rssPeak = 0;
let rssPeakAfterSignIn = 0;
let signedIn = false;
const sampleRss = (): void => {
  const rss = process.memoryUsage().rss;
  rssPeak = Math.max(rssPeak, rss);
  if (signedIn) rssPeakAfterSignIn = Math.max(rssPeakAfterSignIn, rss);
};
const rssSampler = setInterval(sampleRss, 50);
const totp = await generate({ secret: jordan.totpSecret });
const t0 = performance.now();
await call('session.signIn', {
  email: jordan.email,
  password: jordan.password,
  totp,
  passcode: PASSCODE,
});
const signedInMs = performance.now() - t0;
signedIn = true;
await until((s) => s.progress.core.caughtUp);
const coreCaughtUpMs = performance.now() - t0;
// Each first read timed on its own: what it waited for (a transaction of the transcripts lane
// in progress on the core's thread) shows in these, not in the total alone.
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};
const [, firstCaseloadMs] = await timed(() => call('caseload.list', {}));
const [, firstDeadlinesMs] = await timed(() => call('deadlines.list', {}));
const [caseload, secondCaseloadMs] = await timed(() =>
  call<{ entries: { patientId: string }[] }>('caseload.list', {}),
);
const [, firstThreadMs] = await timed(() =>
  call('messages.thread', { patientId: caseload.entries[0]?.patientId }),
);
const usableMs = performance.now() - t0;
const rssAtUsable = process.memoryUsage().rss;
// (read through a function: TypeScript cannot see the event handler assign `status`)
const currentStatus = (): SyncStatus | null => status;
const coreChanges = currentStatus()?.progress.core.applied ?? NaN;
await until((s) => s.progress.transcripts.caughtUp && s.phase === 'idle');
const initialSeconds = (performance.now() - t0) / 1000;
clearInterval(rssSampler);
sampleRss();
loop.disable();

// ---- queries (medians, through the worker bridge as the UI calls them) --------------------
const timeMedian = async (runs: number, fn: (i: number) => Promise<unknown>): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return median(times);
};
const caseloadMs = await timeMedian(50, () => call('caseload.list', {}));
const deadlinesMs = await timeMedian(50, () => call('deadlines.list', {}));
const ftsIpcMs = await timeMedian(50, (i) =>
  call('transcripts.search', { text: SEARCH_WORDS[i % SEARCH_WORDS.length], limit: 50 }),
);

// ---- incremental: 1% of rows changed on the server --------------------------------------
const changed = await new Promise<{ changed: number; patients: number }>((resolve) => {
  serverProcess.once('message', (m) => resolve(m as { changed: number; patients: number }));
  serverProcess.send('change-1pct');
});
const t1 = performance.now();
await call('sync.now', {});
await new Promise((r) => setTimeout(r, 50));
await until((s) => s.phase === 'idle' && s.progress.transcripts.caughtUp);
const incrementalSeconds = (performance.now() - t1) / 1000;

await worker.close();

// ---- the server's share: a bare client pulling every page of the same feed --------------
const bare = await bareInitialPull(serverUrl, jordan);
log(
  `bare client: ${bare.pages} pages, ${round(bare.bytes / 2 ** 20, 1)} MiB in ${round(bare.seconds)} s`,
);

// ---- the local limit: the same transcripts straight into the same encrypted schema -------
const rawDir = mkdtempSync(path.join(tmpdir(), 'bench-raw-'));
const rawKey = randomBytes(32);
const raw = rawInsertTranscripts(path.join(rawDir, 'store.db'), rawKey, bare.transcripts);
const rows = coreChanges + bare.changes.transcripts + raw.rows;
const rowsPerSecond = rows / initialSeconds;
// The same number of rows as the core lane holds, at the raw limit's rate.
const rawCoreMs = (coreChanges / raw.rowsPerSecond) * 1000;

// ---- full-text search, timed the same way in both stores ----------------------------------
const synced = await syncedStoreOf(dataDir, PASSCODE);
const ftsSyncedMs = ftsMedianMs(synced.directory, synced.key);
const ftsRawMs = ftsMedianMs(rawDir, rawKey);

const figures = {
  'sync.initial.seconds': round(initialSeconds),
  'sync.initial.rows': rows,
  'sync.initial.rows_per_s': Math.round(rowsPerSecond),
  'sync.initial.raw_insert_rows_per_s': Math.round(raw.rowsPerSecond),
  'sync.initial.ratio_to_raw_insert': round(rowsPerSecond / raw.rowsPerSecond),
  'sync.time_to_usable_caseload_ms': Math.round(usableMs),
  'sync.core_rows': coreChanges,
  'sync.raw_insert_core_rows_ms': Math.round(rawCoreMs),
  'sync.usable_ratio_to_raw_core': round(usableMs / rawCoreMs),
  'sync.usable.sign_in_ms': Math.round(signedInMs),
  'sync.usable.core_lane_ms': Math.round(coreCaughtUpMs - signedInMs),
  'sync.usable.first_reads_ms': Math.round(usableMs - coreCaughtUpMs),
  'sync.usable.first_reads.caseload_ms': Math.round(firstCaseloadMs),
  'sync.usable.first_reads.deadlines_ms': Math.round(firstDeadlinesMs),
  'sync.usable.first_reads.caseload_again_ms': Math.round(secondCaseloadMs),
  'sync.usable.first_reads.thread_ms': Math.round(firstThreadMs),
  'sync.incremental_1pct.seconds': round(incrementalSeconds),
  'sync.incremental_1pct.share_of_initial': round(incrementalSeconds / initialSeconds, 3),
  'sync.incremental_1pct.feed_rows_changed': changed.changed,
  'server.feed_serve_seconds': round(bare.seconds),
  'server.feed_serve_share': round(bare.seconds / initialSeconds),
  'server.feed_serve_core_seconds': round(bare.laneSeconds.core),
  'server.feed_mib': round(bare.bytes / 2 ** 20, 1),
  'host.event_loop_delay_p99_ms': round(loop.percentile(99) / 1e6),
  'query.caseload_ms': round(caseloadMs),
  'query.deadlines_ms': round(deadlinesMs),
  'query.fts_median_ms': round(ftsSyncedMs),
  'query.fts_raw_median_ms': round(ftsRawMs),
  'query.fts_ratio_to_raw': round(ftsSyncedMs / ftsRawMs),
  'query.fts_ipc_median_ms': round(ftsIpcMs),
  'core.rss_peak_mb': Math.round(rssPeak / 2 ** 20),
  'core.rss_peak_after_sign_in_mb': Math.round(rssPeakAfterSignIn / 2 ** 20),
  'core.rss_at_usable_mb': Math.round(rssAtUsable / 2 ** 20),
  'store.file_mb': round(synced.fileMb, 1),
  'server.seed_large_seconds': round(seedSeconds, 1),
};
const targets: Record<string, string> = {
  'sync.initial.ratio_to_raw_insert': '≥ 0.7',
  'sync.usable_ratio_to_raw_core': '≤ 2',
  'sync.incremental_1pct.share_of_initial': '≤ 0.05',
  'server.feed_serve_share': '≤ 0.25',
  'host.event_loop_delay_p99_ms': '< 50',
  'query.caseload_ms': '< 5',
  'query.deadlines_ms': '< 5',
  'query.fts_median_ms': '< 10',
  'query.fts_ratio_to_raw': '≤ 2',
  'core.rss_peak_mb': '< 250',
  'server.seed_large_seconds': '< 60',
};
// Other benches (supervisor home, caseload UI) keep their figures in the same file.
const resultsPath = path.join(root, 'bench/results/latest.json');
const previous = existsSync(resultsPath)
  ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as { figures?: Record<string, unknown> })
  : {};
mkdirSync(path.dirname(resultsPath), { recursive: true });
writeFileSync(
  resultsPath,
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        node: process.version,
        loadavg: loadavg().map((x) => round(x)),
      },
      figures: { ...previous.figures, ...figures },
    },
    null,
    2,
  )}\n`,
);
console.log('\n| figure | value | target |\n|---|---:|---|');
for (const [name, value] of Object.entries(figures))
  console.log(`| ${name} | ${value} | ${targets[name] ?? ''} |`);

serverProcess.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
rmSync(rawDir, { recursive: true, force: true });
process.exit(0);
