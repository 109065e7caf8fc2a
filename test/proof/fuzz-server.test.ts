import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../server/support/client';
import { fuzzServerRequests } from './fuzz/server-requests';
import { UpstreamPool } from './support/chaos-proxy';
import { type ServerPool, startServerPool } from './support/server-pool';

/** The short version of part 3 (server side) of `npm run proof`: see test/proof/README.md. */
const SEED = Number(process.env.PROOF_SEED ?? 20261201);

describe('proof: fuzzing the server (short)', () => {
  let pool: ServerPool;
  beforeAll(async () => {
    pool = await startServerPool('pglite', new UpstreamPool());
  }, 120_000);
  afterAll(() => pool?.close());

  it('300 generated push batches and bodies: no 5xx, a valid change behind a bad one applies', async () => {
    const report = await fuzzServerRequests(SEED, 300, 'pglite', true, pool);
    expect(report.findings, `seed ${SEED}`).toEqual([]);
    expect(report.cases).toBe(300);
  }, 240_000);

  // Issue 9, item 5, found by every full run (fixed: a depth cap before parsing): a JSON body
  // nested 5,000 deep overflowed the stack while it was validated and answered 500.
  it('a deeply nested body is refused with a 400, not a 500', async () => {
    const pool = await startServerPool('pglite', new UpstreamPool());
    try {
      const body = `{"refreshToken":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      const r = await call(pool.urls()[0] ?? '', 'POST', '/auth/refresh', undefined, {
        raw: body,
      });
      expect(r.status).toBe(400);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
