/**
 * One device's figures at one scale, in a process of its own (its memory is the core's):
 * the initial sync of the busy therapist, query medians, database size, memory. Prints one
 * JSON line.
 *
 *   node --import tsx scaling-client.ts <server url> <account json> <data dir>
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { DemoAccount } from '../../../shared/api';
import { openDeviceAt } from '../support/device-at';
import { SEARCH_WORDS } from '../../bench/support/search-words';

const [serverUrl = '', accountJson = '{}', dataDir = ''] = process.argv.slice(2);
const device = openDeviceAt({ dataDir, serverUrl });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
const t0 = performance.now();
await device.signIn(DemoAccount.parse(JSON.parse(accountJson)));
await device.core.syncEngine()?.idle();
for (;;) {
  const status = await device.call<{
    progress: { core: { caughtUp: boolean }; transcripts: { caughtUp: boolean } };
    lastError: string | null;
  }>('sync.status');
  if (status.progress.core.caughtUp && status.progress.transcripts.caughtUp) break;
  if (status.lastError) throw new Error(status.lastError);
  await device.syncNow();
}
const syncSeconds = (performance.now() - t0) / 1000;
const median = async (runs: number, fn: (i: number) => Promise<unknown>) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
};
const words = SEARCH_WORDS;
const entries = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
  .entries;
const caseloadMs = await median(30, () => device.call('caseload.list', {}));
const deadlinesMs = await median(30, () => device.call('deadlines.list', {}));
const patientMs = await median(30, (i) =>
  device.call('patients.get', { patientId: entries[i % entries.length]?.patientId }),
);
const searchMs = await median(30, (i) =>
  device.call('transcripts.search', { text: words[i % words.length], limit: 50 }),
);
const size = (name: string) => {
  try {
    return statSync(path.join(dataDir, name)).size;
  } catch {
    return 0;
  }
};
clearInterval(sampler);
const figures = {
  patients: entries.length,
  syncSeconds,
  caseloadMs,
  deadlinesMs,
  patientMs,
  searchMs,
  dbMb: (size('store.db') + size('store.db-wal')) / 2 ** 20,
  peakRssMb: Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20,
  heapMb: process.memoryUsage().heapUsed / 2 ** 20,
};
await device.close();
console.log(`FIGURES ${JSON.stringify(figures)}`);
process.exit(0);
