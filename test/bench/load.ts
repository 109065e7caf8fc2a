/**
 * `npm run bench:load`: 200 simulated devices pulling and pushing at once against the
 * reference server on loopback (issue 12, item 7), twice:
 *
 * - `pg`: the server on a throwaway PostgreSQL cluster (as in production), in its own process;
 * - `pglite`: the server as the desktop app and the preview embed it (server/embedded-worker.ts
 *   in a worker thread, PGlite in a data directory), in its own process.
 *
 * Each device signs in (registering its own device key), then runs rounds of: pull a core
 * page, push one message mutation with its next seq. Bounded: ROUNDS per device. Throughout the
 * rounds a probe in its own worker thread asks GET /health every ~50 ms: what anyone else
 * waiting on that server (a sign-in, the app's own sync) would see.
 *
 * Not a test: it prints errors, p50/p99 latency and throughput per backend, writes
 * bench/results/load.json and merges the figures into bench/results/latest.json
 * (`server_start_ms`: from starting the server's process to listening, the demo seed included).
 * LOAD_BACKENDS=pg or =pglite runs one; LOAD_DEVICES and LOAD_ROUNDS change the load;
 * LOAD_CPU_PROF=<dir> profiles the servers. LOAD_PG_STATEMENTS=1 profiles PostgreSQL's side of
 * the rounds (`pg_stat_statements`, and the CPU seconds of the server, the cluster and this
 * process): figures `load.pg.db_*` and `load.pg.cpu_*`, the statements in
 * bench/results/load-statements.json.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { generate } from 'otplib';
import { writeFileSync } from 'node:fs';
import { askStatements, type StatementReport } from './support/pg-statements';
import { root, writeBenchResults } from './support/ui-bench';

const DEVICES = Number(process.env.LOAD_DEVICES ?? 200);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 10);
const PROBE_INTERVAL_MS = 50;
/**
 * A request with no answer for this long fails (counted as an error) instead of holding the
 * bench open: one run once hung while its devices signed in.
 */
const REQUEST_TIMEOUT_MS = Number(process.env.LOAD_REQUEST_TIMEOUT_MS ?? 60_000);
/** LOAD_CPU_PROF=<dir>: V8 CPU profiles of each server process (and its threads) there. */
const CPU_PROF = process.env.LOAD_CPU_PROF;
const PG_STATEMENTS = process.env.LOAD_PG_STATEMENTS === '1';
/** What PostgreSQL executed during the rounds (LOAD_PG_STATEMENTS=1), once reported. */
const statementReports: StatementReport[] = [];
type Backend = 'pg' | 'pglite';
const backends = (process.env.LOAD_BACKENDS ?? 'pg,pglite')
  .split(',')
  .filter((b): b is Backend => b === 'pg' || b === 'pglite');

const log = (message: string) => console.error(`[load] ${message}`);
const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** The server in its own process; resolves once it prints `LISTENING <url>`. */
const startServer = async (backend: Backend): Promise<{ child: ChildProcess; url: string }> => {
  const script = backend === 'pg' ? 'demo-server.ts' : 'embedded-server.ts';
  const child = fork(path.join(root, 'test/bench/support', script), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : []),
    ],
    env: { ...process.env, ...(backend === 'pg' ? { LOAD_BACKEND: 'postgres' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the ${backend} server exited (${code})`)));
  });
  return { child, url };
};

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

type Reply = { status: number; json: Record<string, unknown> };

async function runLoad(backend: Backend): Promise<Record<string, number>> {
  log(`${backend}: starting the server (seeding the demo caseload)…`);
  const starting = performance.now();
  const { child, url } = await startServer(backend);
  const startMs = Math.round(performance.now() - starting);
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: DEVICES });
  const call = (
    method: 'GET' | 'POST',
    pathname: string,
    body?: unknown,
    token?: string,
  ): Promise<Reply> => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path: pathname,
          agent,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
              : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              resolve({
                status: res.statusCode ?? 0,
                json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<
                  string,
                  unknown
                >,
              });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${pathname}: no answer in ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  };

  try {
    type Account = { email: string; password: string; role: string; totpSecret: string };
    const accounts = ((await call('GET', '/demo/accounts')).json['accounts'] as Account[]).filter(
      (a) => a.role === 'pwp' || a.role === 'therapist',
    );

    log(`${backend}: signing in ${DEVICES} devices…`);
    const devices: {
      token: string;
      deviceId: string;
      seq: number;
      patientId: string | null;
      cursor: string;
    }[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const account = accounts[i % accounts.length] as Account;
      const x = String(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x);
      const grant = await call('POST', '/auth/sign-in', {
        email: account.email,
        password: account.password,
        totp: await generate({ secret: account.totpSecret }),
        device: {
          name: `load device ${i}`,
          platform: 'linux',
          publicKey: { kty: 'OKP', crv: 'Ed25519', x },
        },
      });
      if (grant.status !== 200)
        throw new Error(`sign-in ${i} failed: ${JSON.stringify(grant.json)}`);
      const tokens = grant.json['tokens'] as { accessToken: string };
      devices.push({
        token: tokens.accessToken,
        deviceId: String(grant.json['deviceId']),
        seq: 0,
        patientId: null,
        cursor: '0',
      });
    }

    const latency = createHistogram();
    let requests = 0;
    let errors = 0;
    const timed = async (fn: () => Promise<Reply>): Promise<Reply> => {
      const start = process.hrtime.bigint();
      try {
        const result = await fn();
        if (result.status !== 200) errors += 1;
        return result;
      } catch {
        errors += 1;
        return { status: 0, json: {} };
      } finally {
        requests += 1;
        latency.record(Number(process.hrtime.bigint() - start) || 1);
      }
    };

    const probe = new Worker(path.join(root, 'test/bench/support/health-probe.mjs'), {
      workerData: { url, intervalMs: PROBE_INTERVAL_MS },
    });
    const probed = new Promise<{ samples: number[]; failures: number }>((resolve, reject) => {
      probe.once('message', resolve);
      probe.once('error', reject);
    });

    const profiling = backend === 'pg' && PG_STATEMENTS;
    if (profiling) await askStatements(child, 'mark');
    const ownCpu = process.cpuUsage();
    log(`${backend}: ${DEVICES} devices × ${ROUNDS} rounds of pull + push…`);
    const started = performance.now();
    await Promise.all(
      devices.map(async (d) => {
        for (let round = 0; round < ROUNDS; round++) {
          const page = await timed(() =>
            call('GET', `/sync/pull?lane=core&after=${d.cursor}&limit=200`, undefined, d.token),
          );
          const changes =
            (page.json['changes'] as
              { entity: string; data: { patientId?: string } | null }[] | undefined) ?? [];
          d.cursor = String(page.json['nextCursor'] ?? d.cursor);
          d.patientId ??=
            changes.find((c) => c.entity === 'patient' && c.data)?.data?.patientId ??
            changes.find((c) => c.data?.patientId)?.data?.patientId ??
            null;
          if (d.patientId) {
            d.seq += 1;
            await timed(() =>
              call(
                'POST',
                '/sync/push',
                {
                  deviceId: d.deviceId,
                  mutations: [
                    {
                      seq: d.seq,
                      id: randomUUID(),
                      kind: 'message.send',
                      payload: {
                        messageId: randomUUID(),
                        patientId: d.patientId,
                        body: `Load test message ${d.seq}`,
                      },
                    },
                  ],
                },
                d.token,
              ),
            );
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const generatorCpu = process.cpuUsage(ownCpu);
    const answer = profiling ? await askStatements(child, 'report') : null;
    const profile: Record<string, number> = {};
    if (answer?.op === 'report') {
      const r = answer.report;
      statementReports.push(r);
      const share = (cpuSeconds: number) => Math.round((cpuSeconds / seconds) * 100) / 100;
      Object.assign(profile, {
        'load.pg.db_statements_per_request': Math.round((r.calls / requests) * 100) / 100,
        'load.pg.db_exec_ms_per_request': Math.round((r.execMs / requests) * 100) / 100,
        // CPU seconds per second of the rounds (2 = both cores of this machine).
        'load.pg.cpu_cores_server': share(r.serverCpuS),
        'load.pg.cpu_cores_postgres': share(r.clusterCpuS),
        'load.pg.cpu_cores_load_generator': share((generatorCpu.user + generatorCpu.system) / 1e6),
      });
    }
    probe.postMessage('stop');
    const health = await probed;
    const sorted = [...health.samples].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      [`load.${backend}.server_start_ms`]: startMs,
      [`load.${backend}.devices`]: DEVICES,
      [`load.${backend}.requests`]: requests,
      [`load.${backend}.errors`]: errors,
      [`load.${backend}.seconds`]: round(seconds),
      [`load.${backend}.rps`]: Math.round(requests / seconds),
      [`load.${backend}.p50_ms`]: ms(latency.percentile(50)),
      [`load.${backend}.p99_ms`]: ms(latency.percentile(99)),
      [`load.${backend}.max_ms`]: ms(latency.max),
      [`load.${backend}.health_samples`]: sorted.length,
      [`load.${backend}.health_failures`]: health.failures,
      [`load.${backend}.health_p50_ms`]: round(percentile(sorted, 50)),
      [`load.${backend}.health_p99_ms`]: round(percentile(sorted, 99)),
      [`load.${backend}.health_max_ms`]: round(sorted.at(-1) ?? NaN),
      ...profile,
    };
  } finally {
    agent.destroy();
    await stopServer(child);
  }
}

const figures: Record<string, number> = {};
for (const backend of backends) Object.assign(figures, await runLoad(backend));
writeBenchResults(
  'load',
  figures,
  {},
  {
    'load.pg.errors': '0',
    'load.pg.p99_ms': '< 1000',
    'load.pglite.errors': '0',
    'load.pglite.health_p99_ms': '< 100',
  },
);
const [statementReport] = statementReports;
if (statementReport) {
  writeFileSync(
    path.join(root, 'bench/results/load-statements.json'),
    `${JSON.stringify(statementReport, null, 2)}\n`,
  );
  console.log('\n| PostgreSQL statement (pg) | calls | total ms | mean ms |\n|---|---:|---:|---:|');
  for (const row of statementReport.top.slice(0, 12))
    console.log(`| ${row.query.slice(0, 110)} | ${row.calls} | ${row.totalMs} | ${row.meanMs} |`);
}
const failed = backends.some(
  (b) => (figures[`load.${b}.errors`] ?? 0) > 0 || (figures[`load.${b}.health_failures`] ?? 0) > 0,
);
process.exit(failed ? 1 : 0);
