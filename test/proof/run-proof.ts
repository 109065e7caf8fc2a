/**
 * `npm run proof [-- --seed=N] [--only=chaos,crash,fuzz,scaling] [--quick] [--serial]`
 *
 * The reliability suite in full (test/proof/README.md): chaos, crash loops, fuzzing and
 * scaling curves, seeded from one number. A full run writes docs/reliability.md; a partial
 * or quick one writes .tsbuild/proof/reliability.md. Exits 1 when any promise was broken,
 * printing the seed that replays it.
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
const noPostgres = postgresReason();
if (noPostgres) log(`[proof] no PostgreSQL (${noPostgres}): chaos runs on PGlite, one instance`);
const results: ProofResults = {
  seed,
  command: `npm run proof -- --seed=${seed}${quick ? ' --quick' : ''}${only ? ` --only=${only.join(',')}` : ''}`,
  startedAt: new Date(started).toISOString(),
  minutes: 0,
  machine: `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  }).trim(),
};
log(`[proof] seed ${seed}: ${parts.join(', ')}${quick ? ' (quick)' : ''}`);

const chaosPart = async () => {
  results.chaos = await runChaos({
    seed,
    rounds: size.rounds,
    faultRate: 0.2,
    backend: noPostgres ? 'pglite' : 'postgres',
    twoInstances: noPostgres
      ? null
      : { from: Math.floor(size.rounds * 0.3), to: Math.floor(size.rounds * 0.7) },
    log,
  });
};
const crashPart = async () => {
  results.crash = await runCrashLoop({ seed, kills: size.kills, freshEvery: 40, log });
};
const fuzzPart = async () => {
  const reports = [];
  for (const run of [fuzzApiResponses, fuzzIpcPayloads, fuzzServerRequests]) {
    const report = await run(seed, size.fuzz);
    log(
      `[fuzz] ${report.name}: ${report.cases} cases, ${report.findings.length} kinds of finding, ${report.seconds} s`,
    );
    reports.push(report);
  }
  results.fuzz = reports;
};

// Chaos and the crash loop wait on the network and on child processes: they share the two
// cores well. Fuzzing follows; the scaling curves run alone, last, so nothing skews them.
const lanes: Promise<void>[] = [];
const serial = args.includes('--serial');
const first = parts.includes('chaos') ? chaosPart : null;
const second = async () => {
  if (parts.includes('crash')) await crashPart();
  if (parts.includes('fuzz')) await fuzzPart();
};
if (serial) {
  await first?.();
  await second();
} else {
  if (first) lanes.push(first());
  lanes.push(second());
  await Promise.all(lanes);
}
if (parts.includes('scaling')) results.scaling = await runScaling(size.scales, log);

results.minutes = Math.round((Date.now() - started) / 6_000) / 10;
const report = renderReport(results);
const target = full
  ? path.join(root, 'docs/reliability.md')
  : path.join(root, '.tsbuild/proof/reliability.md');
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, report);
console.log(report);
const broken =
  (results.chaos?.violations.length ?? 0) +
  (results.crash?.violations.length ?? 0) +
  (results.fuzz ?? []).reduce((n, f) => n + f.findings.length, 0);
log(
  `[proof] ${broken === 0 ? 'every promise held' : `${broken} broken promises`} — seed ${seed}; replay: ${results.command}; report: ${path.relative(root, target)}`,
);
process.exit(broken === 0 ? 0 : 1);
