/**
 * `npm run bench:load`: 200 simulated devices pulling and pushing at once against the
 * reference server on loopback (issue [backend]). Not a test: it prints throughput,
 * p50/p99 latency and the error count, and writes bench/results/load.json.
 *
 * Each device signs in (registering its own device key), then runs rounds of: pull a core
 * page, push one message mutation with its next seq, pull again. Bounded: ROUNDS per device.
 */
import { fork } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { Agent, request } from 'node:http';
import { generate } from 'otplib';

const DEVICES = Number(process.env.LOAD_DEVICES ?? 200);
const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 10);
const root = path.resolve(import.meta.dirname, '../..');

const child = fork(path.join(root, 'test/bench/support/demo-server.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /LISTENING (\S+)/.exec(out);
    if (m?.[1]) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const agent = new Agent({ keepAlive: true, maxSockets: DEVICES });
const target = new URL(base);

function call(
  method: 'GET' | 'POST',
  pathname: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: pathname,
        agent,
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
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

type Account = { email: string; password: string; role: string; totpSecret: string };
const accounts = ((await call('GET', '/demo/accounts')).json['accounts'] as Account[]).filter(
  (a) => a.role === 'pwp' || a.role === 'therapist',
);

console.error(`[load] signing in ${DEVICES} devices…`);
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
  if (grant.status !== 200) throw new Error(`sign-in ${i} failed: ${JSON.stringify(grant.json)}`);
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
const timed = async (fn: () => Promise<{ status: number; json: Record<string, unknown> }>) => {
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

console.error(`[load] ${DEVICES} devices × ${ROUNDS} rounds of pull + push + pull…`);
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
const figures = {
  backend: process.env.LOAD_BACKEND === 'postgres' ? 'postgresql' : 'pglite',
  devices: DEVICES,
  rounds: ROUNDS,
  requests,
  errors,
  seconds: Math.round(seconds * 100) / 100,
  throughput_rps: Math.round(requests / seconds),
  latency_p50_ms: Math.round(latency.percentile(50) / 1e4) / 100,
  latency_p99_ms: Math.round(latency.percentile(99) / 1e4) / 100,
  latency_max_ms: Math.round(latency.max / 1e4) / 100,
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(
  path.join(root, `bench/results/load-${figures.backend}.json`),
  `${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`,
);
console.log('\n| figure | value |\n|---|---:|');
for (const [k, v] of Object.entries(figures)) console.log(`| ${k} | ${v} |`);
agent.destroy();
child.kill('SIGTERM');
process.exit(errors > 0 ? 1 : 0);
