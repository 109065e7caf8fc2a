import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committedCursor, touchFeed, type FeedRecord } from '../../server/sync/feed';
import { useBackends } from './support/backends';
import { type TestServer, startTestServer } from './support/harness';

/**
 * Feed positions are handed out in commit order: a reader that has seen position N has seen
 * everything below N. The position counter's row lock orders them, held to COMMIT. Taken at
 * a transaction's first write, it queued every other writer of the feed behind the whole rest
 * of that transaction (under 200 devices' pushes, PostgreSQL spent 224 ms per push waiting on
 * it: `LOAD_PG_STATEMENTS=1 npm run bench:load`). It is now taken just before COMMIT. Real
 * PostgreSQL, two connections of the server's own pool (PGlite runs one transaction at a time).
 */
const postgres = useBackends().filter((b) => b.name === 'postgres');

describe.each(postgres)('feed positions on $name', (backend) => {
  let t: TestServer;
  let records: [FeedRecord, FeedRecord];
  beforeAll(async () => {
    t = await startTestServer(backend);
    const rows = await t.rawDb.query<{ id: string; org_id: string }>(
      'SELECT id, org_id FROM patients ORDER BY id LIMIT 2',
    );
    const [a, b] = rows.map((p) => ({
      entity: 'patient' as const,
      id: p.id,
      orgId: p.org_id,
      patientId: p.id,
      therapistId: null,
    }));
    if (!a || !b) throw new Error('the seed has fewer than two patients');
    records = [a, b];
  });
  afterAll(async () => t?.close());

  const cursorOf = async (record: FeedRecord): Promise<bigint> => {
    const [row] = await t.rawDb.query<{ cursor: string }>(
      'SELECT cursor::text AS cursor FROM sync_feed WHERE entity = $1 AND id = $2',
      [record.entity, record.id],
    );
    if (!row) throw new Error('no feed row');
    return BigInt(row.cursor);
  };

  it('lets a writer commit while another transaction that wrote to the feed is still working, and keeps commit order', async () => {
    const [slow, quick] = records;
    let wrote!: () => void;
    const slowWrote = new Promise<void>((resolve) => (wrote = resolve));
    let finish!: () => void;
    const slowMayFinish = new Promise<void>((resolve) => (finish = resolve));
    // A transaction that wrote to the feed, then goes on working (its other statements).
    const slowDone = t.rawDb.transaction(async (tx) => {
      await touchFeed(tx, slow);
      wrote();
      await slowMayFinish;
    });
    await slowWrote;
    try {
      const quickDone = t.rawDb.transaction((tx) => touchFeed(tx, quick));
      const first = await Promise.race([
        quickDone.then(() => 'the other writer committed'),
        new Promise((resolve) => setTimeout(() => resolve('the other writer waited'), 5_000)),
      ]);
      expect(first).toBe('the other writer committed');
      // A reader now: the quick write is at or below the head, the slow one is not visible.
      const head = BigInt(await committedCursor(t.rawDb));
      expect(await cursorOf(quick)).toBeLessThanOrEqual(head);
      finish();
      await slowDone;
      await quickDone;
      // Committed later, placed later: above the head that reader saw, at or below the new one.
      const slowAt = await cursorOf(slow);
      expect(slowAt).toBeGreaterThan(head);
      expect(slowAt).toBeLessThanOrEqual(BigInt(await committedCursor(t.rawDb)));
    } finally {
      finish();
      await slowDone.catch(() => undefined);
    }
  });

  it('places a record written twice in one transaction once, and never at the placeholder', async () => {
    const [record] = records;
    await t.rawDb.transaction(async (tx) => {
      await touchFeed(tx, record);
      await touchFeed(tx, record);
    });
    expect(await cursorOf(record)).toBe(BigInt(await committedCursor(t.rawDb)));
    const placeholders = await t.rawDb.query('SELECT 1 FROM sync_feed WHERE cursor <= 0');
    expect(placeholders).toEqual([]);
  });
});
