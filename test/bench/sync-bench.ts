/**
 * `npm run bench`: the sync and query figures of issue [core] on the `large` profile over
 * loopback. Not a test: it measures and reports (bench/results/latest.json + a table).
 *
 *   host ── the bench process: hosts the core's worker thread, as Electron main would
 *   core ── the built out/main/core-worker.js (same file as the app), file-key test seam
 *   server ─ a separate process (test/bench/support/large-server.ts), in-memory PGlite
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { bridgeToCore } from '../../electron/core/host/core-bridge';
import { startCoreWorker } from '../../electron/core/host/core-worker';
import type { SyncStatus } from '../../shared/ipc';
import { rawInsertTranscripts, syntheticTranscripts } from './raw-insert';

const root = path.resolve(import.meta.dirname, '../..');
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (message: string): void => console.error(`[bench] ${message}`);

// ---- the server, seeded with the large profile, in its own process -------------------------
log('seeding the large profile (250 patients, 2,000 sessions, 400k utterances, 20k messages)…');
const serverProcess = fork(path.join(root, 'test/bench/support/large-server.ts'), [], {
  execArgv: ['--import', 'tsx'],
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
const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-device-'));
const worker = await startCoreWorker({
  entry: path.join(root, 'out/main/core-worker.js'),
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
const t0 = performance.now();
await call('session.signIn', {
  email: jordan.email,
  password: jordan.password,
  totp: await generate({ secret: jordan.totpSecret }),
  passcode: 'bench-passcode',
});
await until((s) => s.progress.core.caughtUp);
await call('caseload.list', {});
await call('deadlines.list', {});
await call('messages.thread', {
  patientId: (await call<{ entries: { patientId: string }[] }>('caseload.list', {})).entries[0]
    ?.patientId,
});
const usableMs = performance.now() - t0;
await until((s) => s.progress.transcripts.caughtUp && s.phase === 'idle');
const initialSeconds = (performance.now() - t0) / 1000;
loop.disable();
const rows = Object.entries(counts)
  .filter(
    ([table]) =>
      ![
        'organisations',
        'service_config',
        'pay_rates',
        'approved_countries',
        'devices',
        'refresh_tokens',
      ].includes(table),
  )
  .reduce((sum, [, n]) => sum + n, 0);
const rowsPerSecond = rows / initialSeconds;
const rssMb = process.memoryUsage().rss / 2 ** 20;

// ---- the local limit: the same number of rows straight into the same encrypted schema -----
const rawDir = mkdtempSync(path.join(tmpdir(), 'bench-raw-'));
const utterances = counts['utterances'] ?? 400_000;
const raw = rawInsertTranscripts(
  path.join(rawDir, 'raw.db'),
  randomBytes(32),
  syntheticTranscripts(utterances, 200),
);
const ratio = rowsPerSecond / raw.rowsPerSecond;

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
const words = [
  'homework',
  'anxious',
  'sleep',
  'thoughts',
  'week',
  'breathing',
  'agenda',
  'worry',
  'mood',
  'panic',
];
const caseloadMs = await timeMedian(50, () => call('caseload.list', {}));
const deadlinesMs = await timeMedian(50, () => call('deadlines.list', {}));
const ftsMs = await timeMedian(50, (i) =>
  call('transcripts.search', { text: words[i % words.length], limit: 50 }),
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

const figures = {
  'sync.initial.seconds': round(initialSeconds),
  'sync.initial.rows': rows,
  'sync.initial.rows_per_s': Math.round(rowsPerSecond),
  'sync.initial.raw_insert_rows_per_s': Math.round(raw.rowsPerSecond),
  'sync.initial.ratio_to_raw_insert': round(ratio),
  'sync.time_to_usable_caseload_ms': Math.round(usableMs),
  'sync.incremental_1pct.seconds': round(incrementalSeconds),
  'sync.incremental_1pct.share_of_initial': round(incrementalSeconds / initialSeconds, 3),
  'sync.incremental_1pct.feed_rows_changed': changed.changed,
  'host.event_loop_delay_p99_ms': round(loop.percentile(99) / 1e6),
  'query.caseload_ms': round(caseloadMs),
  'query.deadlines_ms': round(deadlinesMs),
  'query.fts_median_ms': round(ftsMs),
  'core.rss_mb': Math.round(rssMb),
  'server.seed_large_seconds': round(seedSeconds, 1),
};
const targets: Record<string, string> = {
  'sync.initial.ratio_to_raw_insert': '≥ 0.5',
  'sync.time_to_usable_caseload_ms': '≤ 2000',
  'sync.incremental_1pct.share_of_initial': '≤ 0.05',
  'host.event_loop_delay_p99_ms': '< 50',
  'query.caseload_ms': '< 5',
  'query.deadlines_ms': '< 5',
  'query.fts_median_ms': '< 10',
  'core.rss_mb': '< 250',
  'server.seed_large_seconds': '< 60',
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(root, 'bench/results/latest.json'),
  `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, figures }, null, 2)}\n`,
);
console.log('\n| figure | value | target |\n|---|---:|---|');
for (const [name, value] of Object.entries(figures))
  console.log(`| ${name} | ${value} | ${targets[name] ?? ''} |`);

await worker.close();
serverProcess.kill('SIGTERM');
rmSync(dataDir, { recursive: true, force: true });
rmSync(rawDir, { recursive: true, force: true });
process.exit(0);
