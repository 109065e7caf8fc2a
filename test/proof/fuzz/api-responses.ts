import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { type EntityName, type PullResponse, routes } from '../../../shared/api';
import { entityTables } from '../../../electron/core/store/entity-tables';
import { ApiCallError } from '../../../electron/core/api/failure';
import { createHttpApi } from '../../../electron/core/api/http-api';
import { createServerClock } from '../../../electron/core/clock';
import { openStore, type Store } from '../../../electron/core/store';
import { applyPullPage } from '../../../electron/core/sync/apply-page';
import { UpstreamPool } from '../support/chaos-proxy';
import { type ServerPool, startServerPool } from '../support/server-pool';
import { captureAnswers } from './capture';
import { applyEdits, editArb, encode, textEditArb } from './json-mutations';
import { type FuzzReport, recordFinding } from './report';

/** Cheap enough for every case; `fingerprint` (every row's version) every 100th and when a page was applied. */
const counts = (store: Store): string =>
  JSON.stringify([
    store.cursors.get('core'),
    store.cursors.get('transcripts'),
    store.transcripts.countUtterances(),
    ...Object.keys(entityTables).map((e) => store.records.count(e as EntityName)),
  ]);
const fingerprint = (store: Store): string =>
  JSON.stringify([
    store.cursors.get('core'),
    store.cursors.get('transcripts'),
    store.records.scopeChecksums('core'),
    store.records.scopeChecksums('transcripts'),
    store.transcripts.countUtterances(),
  ]);

/**
 * Part 3a: the reference server's real, schema-valid answers, mutated, served to the client's
 * API layer (electron/core/api) and, when it accepts a page, applied to a real encrypted
 * cache as the sync engine does. Every answer must be refused with a clear, classified error
 * and leave the cache as it was — or be valid, and then apply cleanly or not at all.
 */
export async function fuzzApiResponses(
  seed: number,
  runs: number,
  /** A seeded demo server to take the answers from (default: one of its own). */
  shared?: ServerPool,
  /** Stop generating cases after this instant (epoch ms). */
  deadline?: number,
): Promise<FuzzReport> {
  const started = performance.now();
  const pool = shared ?? (await startServerPool('pglite', new UpstreamPool()));
  const captured = await captureAnswers(pool).finally(() => (shared ? undefined : pool.close()));
  const dir = mkdtempSync(path.join(tmpdir(), 'proof-fuzz-api-'));
  const { store } = openStore({ directory: dir, key: randomBytes(32) });
  for (const page of captured.pages)
    applyPullPage(store, page as unknown as PullResponse, new Date().toISOString());
  let baseline = fingerprint(store);
  let baselineCounts = counts(store);
  let answer: { status: number; body: Buffer } = { status: 200, body: Buffer.alloc(0) };
  const stub = createServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', () => resolve()));
  const api = createHttpApi({
    baseUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    clock: createServerClock(),
  });
  const report: FuzzReport = {
    name: 'api-responses',
    seed,
    cases: 0,
    planned: runs,
    accepted: 0,
    findings: [],
    seconds: 0,
  };
  const cases = fc.sample(
    fc.record({
      sample: fc.nat(captured.samples.length - 1),
      edits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
      text: textEditArb,
      status: fc.constantFrom(200, 200, 200, 200, 200, 200, 400, 401, 500, 503),
    }),
    { seed, numRuns: runs },
  );
  try {
    for (const [index, c] of cases.entries()) {
      if (deadline !== undefined && Date.now() > deadline) break;
      const sample = captured.samples[c.sample];
      if (!sample) continue;
      const mutated = applyEdits(sample.body, c.edits);
      answer = { status: c.status, body: encode(mutated, c.text) };
      report.cases += 1;
      const finding = (what: string, detail: string) =>
        recordFinding(report, what, {
          index,
          route: sample.route,
          status: c.status,
          edits: c.edits,
          text: c.text,
          detail,
        });
      let value: unknown;
      try {
        value = await api.call(sample.route, {
          ...(sample.query ? { query: sample.query } : {}),
          ...(sample.route === 'push' || sample.route === 'signIn' ? { body: {} } : {}),
          token: 't',
        });
      } catch (error) {
        if (!(error instanceof ApiCallError))
          finding('unclassified error (not ApiCallError)', `${String(error)}`.slice(0, 300));
        else if (error.message.trim().length < 10) finding('unclear error message', error.message);
        const now = index % 100 === 0 ? fingerprint(store) : counts(store);
        if (now !== (index % 100 === 0 ? baseline : baselineCounts))
          finding('cache changed by a refused answer', '');
        continue;
      }
      report.accepted += 1;
      const schema = routes[sample.route].response;
      if (c.status !== 200 || !schema.safeParse(JSON.parse(answer.body.toString('utf8'))).success)
        finding('invalid answer accepted', JSON.stringify(value).slice(0, 200));
      if (sample.route !== 'pull') continue;
      try {
        applyPullPage(store, value as PullResponse, new Date().toISOString());
        baseline = fingerprint(store);
        baselineCounts = counts(store);
      } catch (error) {
        if (fingerprint(store) !== baseline)
          finding('half-applied page', String(error).slice(0, 300));
        if (!(error instanceof Error) || error.message.length < 10)
          finding('unclear error applying a valid page', String(error).slice(0, 300));
      }
    }
    if (store.integrityCheck() !== 'ok')
      recordFinding(report, 'integrity', { detail: store.integrityCheck() });
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => stub.close(() => resolve()));
  }
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
