import { describe, expect, it } from 'vitest';
import { fuzzApiResponses } from './fuzz/api-responses';
import { fuzzIpcPayloads } from './fuzz/ipc-payloads';

/** The short version of part 3 (client side) of `npm run proof`: see test/proof/README.md. */
const SEED = Number(process.env.PROOF_SEED ?? 20261201);

describe('proof: fuzzing the client (short)', () => {
  it('500 mutated server answers: each refused clearly, the cache untouched', async () => {
    const report = await fuzzApiResponses(SEED, 500);
    expect(report.findings, `seed ${SEED}`).toEqual([]);
    expect(report.cases).toBe(500);
  }, 180_000);

  it('500 malformed IPC payloads: each refused clearly, the core alive, the cache untouched', async () => {
    const report = await fuzzIpcPayloads(SEED, 500);
    expect(report.findings, `seed ${SEED}`).toEqual([]);
    expect(report.cases).toBe(500);
  }, 180_000);
});
