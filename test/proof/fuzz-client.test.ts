import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzApiResponses } from './fuzz/api-responses';
import { fuzzIpcPayloads } from './fuzz/ipc-payloads';
import { UpstreamPool } from './support/chaos-proxy';
import { type ServerPool, startServerPool } from './support/server-pool';

/** The short version of part 3 (client side) of `npm run proof`: see test/proof/README.md. */
const SEED = Number(process.env.PROOF_SEED ?? 20261201);

describe('proof: fuzzing the client (short)', () => {
  let pool: ServerPool;
  beforeAll(async () => {
    pool = await startServerPool('pglite', new UpstreamPool());
  }, 120_000);
  afterAll(() => pool?.close());

  it('500 mutated server answers: each refused clearly, the cache untouched', async () => {
    const report = await fuzzApiResponses(SEED, 500, pool);
    expect(report.findings, `seed ${SEED}`).toEqual([]);
    expect(report.cases).toBe(500);
  }, 180_000);

  it('500 malformed IPC payloads: each refused clearly, the core alive, the cache untouched', async () => {
    const report = await fuzzIpcPayloads(SEED, 500, pool);
    expect(report.findings, `seed ${SEED}`).toEqual([]);
    expect(report.cases).toBe(500);
  }, 180_000);
});
