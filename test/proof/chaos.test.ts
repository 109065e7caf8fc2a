import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevice } from '../support/device';
import { runChaos } from './chaos/run-chaos';
import {
  FAULTS,
  newPlan,
  startChaosProxy,
  UpstreamPool,
  type ChaosProxy,
} from './support/chaos-proxy';
import { seededRandom } from './support/random';
import { startServerPool, type ServerPool } from './support/server-pool';

/**
 * The short version of part 1 of `npm run proof` (test/proof/README.md): a few chaos rounds
 * on PGlite, and the two defects the full run found first, kept as cases of their own.
 */
const SEED = Number(process.env.PROOF_SEED ?? 20261201);

describe('proof: chaos (short)', () => {
  it('five devices, 20 % faults, reallocations, a restart: every promise holds', async () => {
    const report = await runChaos({
      seed: SEED,
      rounds: 12,
      faultRate: 0.2,
      backend: 'pglite',
      // Every fault, token spoiling and skewed clocks included (they force token refreshes,
      // and refresh answers are lost: [session-security] 9, fixed).
      faults: FAULTS,
      clockSkew: true,
    });
    expect(report.violations, `seed ${SEED}: replay with npm run proof -- --seed=${SEED}`).toEqual(
      [],
    );
    expect(report.mutationsObserved).toBeGreaterThan(5);
  }, 240_000);
});

describe('proof: chaos findings, kept as regression cases', () => {
  const upstreams = new UpstreamPool();
  const plan = newPlan(seededRandom(SEED), 0, 0, ['lost-after-commit']);
  let pool: ServerPool;
  let proxy: ChaosProxy;
  beforeAll(async () => {
    pool = await startServerPool('pglite', upstreams);
    proxy = await startChaosProxy(upstreams, plan);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await pool?.close();
  });
  const fastClockDevice = async () => {
    const device = await startDevice({ serverUrl: proxy.url, now: () => Date.now() + 47 * 60_000 });
    await device.signIn(pool.account('Rhys Ellis'));
    await device.synced();
    return device;
  };

  // Found by seed 1 of the full run (fixed: the token keeper reads the server-corrected lived
  // clock): the access token's expiry was compared with the raw device clock, so a laptop
  // whose clock was ten minutes or more fast refreshed before every request.
  it('a device whose clock is fast does not refresh its token before every request', async () => {
    const device = await fastClockDevice();
    try {
      const before = proxy.count('/auth/refresh');
      for (let i = 0; i < 3; i += 1) await device.syncNow();
      expect(proxy.count('/auth/refresh') - before).toBeLessThanOrEqual(1);
    } finally {
      await device.close();
    }
  }, 120_000);

  // Issue 9, item 9 (fixed: a refresh grace on the server, sign-in again on the device): the
  // refresh rotated the token, its answer was lost, the retry with the previous token was
  // "reused" → family revoked → the device erased itself, pending changes included.
  it('a lost refresh response never erases the device or its pending changes', async () => {
    const device = await fastClockDevice();
    try {
      const [entry] = (await device.call<{ entries: { patientId: string }[] }>('caseload.list', {}))
        .entries;
      proxy.offline = true;
      await device.call('messages.reply', {
        patientId: entry?.patientId,
        body: 'Written on the train.',
      });
      await device.syncNow();
      proxy.offline = false;
      plan.paths = ['/auth/refresh'];
      plan.rate = 1;
      await device.syncNow(); // the server rotates the token; the answer never arrives
      plan.rate = 0;
      await device.syncNow();
      expect((await device.call<{ state: string }>('session.status')).state).not.toBe('signed-out');
      const [row] = await pool.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE body = 'Written on the train.'`,
      );
      expect(row?.n).toBe(1);
    } finally {
      plan.rate = 0;
      proxy.offline = false;
      await device.close();
    }
  }, 120_000);
});
