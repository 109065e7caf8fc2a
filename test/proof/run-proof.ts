/**
 * `npm run proof [-- --seed=N] [--only=chaos,crash,fuzz,scaling] [--quick] [--minutes=55] [--serial]`
 *
 * The reliability suite in full (test/proof/README.md): chaos, crash loops, fuzzing and
 * scaling curves, seeded from one number, within a time limit (each part stops at its share
 * and says how much it did). A full run writes docs/reliability.md; a partial or quick one
 * writes .tsbuild/proof/reliability.md. Exits 1 when any promise was broken, printing the
 * seed that replays it.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChaos } from './chaos/run-chaos';
import { runCrashLoop } from './crash/run-crash';
import { fuzzApiResponses } from './fuzz/api-responses';
import { fuzzIpcPayloads } from './fuzz/ipc-payloads';
import { fuzzServerRequests } from './fuzz/server-requests';
import { type ProofResults, renderReport } from './report';
import { runScaling } from './scaling/run-scaling';
import { seedFrom } from './support/random';
import { postgresReason } from './support/server-pool';

const PARTS = ['chaos', 'crash', 'fuzz', 'scaling'] as const;
const args = process.argv.slice(2);
const seed = seedFrom(args);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const parts = PARTS.filter((p) => !only || only.includes(p));
const full = !quick && parts.length === PARTS.length;
const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (line: string) => console.error(line);
const size = quick
  ? { rounds: 20, kills: 10, fuzz: 500, scales: [0.05, 0.1] }
  : { rounds: 1000, kills: 200, fuzz: 10_000, scales: [0.25, 0.5, 1, 2] };

const started = Date.now();
const minutes = Number(
  args.find((a) => a.startsWith('--minutes='))?.slice('--minutes='.length) ?? 55,
);
const at = (share: number) => started + share * minutes * 60_000;
const noPostgres = postgresReason();
if (noPostgres) log(`[proof] no PostgreSQL (${noPostgres}): chaos runs on PGlite, one instance`);
const results: ProofResults = {
  seed,
  command: `npm run proof -- --seed=${seed}${quick ? ' --quick' : ''}${only ? ` --only=${only.join(',')}` : ''}`,
  startedAt: new Date(started).toISOString(),
  minutes: 0,
  budgetMinutes: minutes,
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  }).trim(),
};
const target = full
  ? path.join(root, 'docs/reliability.md')
  : path.join(root, '.tsbuild/proof/reliability.md');
/** Written after every part, so a run stopped early still leaves its figures. */
const writeReport = (done: boolean) => {
  results.minutes = Math.round((Date.now() - started) / 6_000) / 10;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, renderReport(results, done));
};
log(
  `[proof] seed ${seed}: ${parts.join(', ')}${quick ? ' (quick)' : ''}, within ${minutes} minutes`,
);

// The scaling curves first, alone, so nothing skews them (no new scale after 35 % of the
// time). Then two lanes: chaos and then the three fuzz targets in one (chaos waits on its
// network, fuzzing is quick), the crash loop alone in the other for the rest of the time —
// it is the slowest part (a child process, an unlock and a full check per kill).
// Every part stops at its share of the time limit and the report says how much it did.
if (parts.includes('scaling')) {
  results.scaling = await runScaling(size.scales, log, at(0.35));
  writeReport(false);
}
const lanesFrom = Date.now();
const laneEnd = at(1) - 3 * 60_000;
const share = (fraction: number) => lanesFrom + fraction * (laneEnd - lanesFrom);
const chaosAndFuzzLane = async () => {
  if (parts.includes('chaos')) {
    results.chaos = await runChaos({
      seed,
      rounds: size.rounds,
      faultRate: 0.2,
      backend: noPostgres ? 'pglite' : 'postgres',
      twoInstances: noPostgres
        ? null
        : { from: Math.floor(size.rounds * 0.3), to: Math.floor(size.rounds * 0.7) },
      deadline: share(0.5),
      log,
    });
    writeReport(false);
  }
  if (!parts.includes('fuzz')) return;
  results.fuzz = [];
  const runs = [
    () => fuzzApiResponses(seed, size.fuzz, undefined, share(0.65)),
    () => fuzzIpcPayloads(seed, size.fuzz, undefined, share(0.75)),
    () => fuzzServerRequests(seed, size.fuzz, 'pglite', true, undefined, laneEnd),
  ];
  for (const run of runs) {
    const report = await run();
    log(
      `[fuzz] ${report.name}: ${report.cases} of ${report.planned} cases, ${report.findings.length} kinds of finding, ${report.seconds} s`,
    );
    results.fuzz.push(report);
    writeReport(false);
  }
};
const crashLane = async () => {
  if (!parts.includes('crash')) return;
  results.crash = await runCrashLoop({
    seed,
    kills: size.kills,
    freshEvery: 40,
    deadline: laneEnd,
    log,
  });
  writeReport(false);
};
if (args.includes('--serial')) {
  await chaosAndFuzzLane();
  await crashLane();
} else await Promise.all([chaosAndFuzzLane(), crashLane()]);

writeReport(true);
console.log(renderReport(results, true));
const broken =
  (results.chaos?.violations.length ?? 0) +
  (results.crash?.violations.length ?? 0) +
  (results.fuzz ?? []).reduce((n, f) => n + f.findings.length, 0);
log(
  `[proof] ${broken === 0 ? 'every promise held' : `${broken} broken promises`} — seed ${seed}; replay: ${results.command}; report: ${path.relative(root, target)}`,
);
process.exit(broken === 0 ? 0 : 1);
