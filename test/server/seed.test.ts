import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrations';
import { Prng } from '../../server/seed/prng';
import { seedDatabase } from '../../server/seed/seed';

// Determinism does not depend on the database engine, so this runs on PGlite only.
const NOW = new Date('2026-11-02T10:00:00Z');

const fingerprintOf = async (seed: number) => {
  const db = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(db);
    const report = await seedDatabase(db, { profile: 'demo', seed, now: NOW });
    const [row] = await db.query<Record<string, string>>(`SELECT
      (SELECT md5(string_agg(id || case_reference || given_name || family_name || status, ',' ORDER BY id)) FROM patients) AS patients,
      (SELECT md5(string_agg(id || starts_at::text || coalesce(outcome, '-'), ',' ORDER BY id)) FROM appointments) AS appointments,
      (SELECT md5(string_agg(id || text || sent_at::text, ',' ORDER BY id)) FROM utterances) AS utterances,
      (SELECT md5(string_agg(id || kind || total || coalesce(items::text, ''), ',' ORDER BY id)) FROM measures) AS measures,
      (SELECT md5(string_agg(id || body || sent_at::text, ',' ORDER BY id)) FROM messages) AS messages,
      (SELECT md5(string_agg(id || type || state, ',' ORDER BY id)) FROM tickets) AS tickets`);
    const shape = await db.query<{ kind: string; risk: number }>(
      `SELECT (SELECT count(*)::int8 FROM measures WHERE kind = 'PHQ9' AND items[9] > 0) AS risk,
              (SELECT count(*)::int8 FROM appointments WHERE outcome = 'dna') AS dnas,
              (SELECT count(*)::int8 FROM appointments WHERE outcome = 'late_cancellation') AS late,
              (SELECT count(*)::int8 FROM tickets WHERE state = 'open') AS open_tickets,
              (SELECT count(*)::int8 FROM messages m WHERE direction = 'inbound' AND sent_at < $1::timestamptz - interval '48 hours'
                 AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.patient_id = m.patient_id AND r.direction = 'outbound' AND r.sent_at > m.sent_at)) AS overdue`,
      [NOW.toISOString()],
    );
    return { fingerprint: row, counts: report.counts, shape: shape[0] };
  } finally {
    await db.close();
  }
};

describe('seed generator', () => {
  it('is deterministic for a seed, different across seeds, and realistic in shape', async () => {
    const a = await fingerprintOf(42);
    const b = await fingerprintOf(42);
    expect(b).toEqual(a);
    expect(new Prng(43).uuid()).not.toBe(new Prng(42).uuid());
    expect(a.counts.patients).toBe(52);
    expect(a.counts.utterances).toBeGreaterThanOrEqual((a.counts.transcripts ?? 0) * 80);
    expect(a.shape).toMatchObject({ risk: expect.any(Number), dnas: expect.any(Number) });
    const shape = a.shape as unknown as Record<string, number>;
    for (const key of ['risk', 'dnas', 'late', 'open_tickets', 'overdue'])
      expect(shape[key], key).toBeGreaterThan(0);
  }, 120_000); // two full demo seeds: slow on a shared two-core machine
});
