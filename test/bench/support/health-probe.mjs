// @ts-check
/**
 * A worker thread of the load bench (plain JavaScript: a worker does not inherit tsx): GET /health every PROBE_INTERVAL_MS (one request at a
 * time, its own keep-alive socket and event loop, so the load generator's work does not
 * delay it) until told to stop; replies with every latency in milliseconds.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ url: string; intervalMs: number }} */
const { url, intervalMs } = workerData;
const target = new URL('/health', url);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** @type {number[]} */
const samples = [];
let failures = 0;
let stopping = false;

/** @returns {Promise<void>} */
const once = () =>
  new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const req = request(target, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
        else failures += 1;
        resolve();
      });
    });
    req.on('error', () => {
      failures += 1;
      resolve();
    });
    req.end();
  });

parentPort?.on('message', () => {
  stopping = true;
});
while (!stopping) {
  const started = performance.now();
  await once();
  const wait = intervalMs - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
agent.destroy();
parentPort?.postMessage({ samples, failures });
