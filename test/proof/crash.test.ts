import { describe, expect, it } from 'vitest';
import { runCrashLoop } from './crash/run-crash';

/**
 * The short version of part 2 of `npm run proof` (test/proof/README.md): a few SIGKILLs of
 * the process hosting the core, across the initial sync, incremental sync, autosave,
 * eviction and drift repair, each followed by the after-restart checks.
 */
const SEED = Number(process.env.PROOF_SEED ?? 20261201);

describe('proof: crash loop (short)', () => {
  it('keeps the store whole and every acknowledged autosave through SIGKILLs', async () => {
    const report = await runCrashLoop({
      seed: SEED,
      kills: 6,
      freshEvery: 6,
      // A reallocation racing a pull meets defect [sync-integrity] 8.4 (the pull does not read
      // one snapshot): the full run keeps the race; here reallocations are committed between
      // runs of the host.
      raceEvictions: false,
    });
    expect(report.violations, `seed ${SEED}: replay with npm run proof -- --seed=${SEED}`).toEqual(
      [],
    );
    expect(report.kills).toBe(6);
    expect(report.acknowledged.syncs + report.acknowledged.autosaves).toBeGreaterThan(0);
  }, 240_000);
});
