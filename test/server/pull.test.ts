import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/api';
import { PullResponse, TRANSCRIPT_PAGE_MAX, Transcript } from '../../shared/api';
import { useBackends } from './support/backends';
import { recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

describe.each(useBackends())('pull feed on $name', (backend) => {
  let t: TestServer;
  let helen: Session;
  beforeAll(async () => {
    t = await startTestServer(backend);
    helen = await signIn(t, t.account('Dr Helen Marsh'));
  });
  afterAll(async () => t?.close());

  const walk = async (
    session: Session,
    lane: 'core' | 'transcripts',
    limit: number,
    between?: () => Promise<void>,
  ) => {
    const changes: Change[] = [];
    let after = '0';
    let pages = 0;
    for (;;) {
      const page = PullResponse.parse(await session.pull(lane, after, limit));
      expect(page.changes.length).toBeLessThanOrEqual(limit);
      changes.push(...page.changes);
      expect(BigInt(page.nextCursor) >= BigInt(after)).toBe(true);
      after = page.nextCursor;
      pages++;
      if (pages === 2 && between) await between();
      if (!page.hasMore) return { changes, pages, cursor: after };
    }
  };

  it('pages with keyset cursors: strictly increasing, each record once, same set as one big page', async () => {
    const small = await walk(helen, 'core', 37);
    const cursors = small.changes.map((c) => BigInt(c.cursor));
    expect(cursors.every((c, i) => i === 0 || c > (cursors[i - 1] ?? 0n))).toBe(true);
    const keys = small.changes.map((c) => `${c.entity}:${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const big = await walk(helen, 'core', 1000);
    expect(new Set(big.changes.map((c) => `${c.entity}:${c.id}`))).toEqual(new Set(keys));
    expect(small.pages).toBeGreaterThan(big.pages);
    // At the head: an empty page that keeps the cursor.
    const head = PullResponse.parse(await helen.pull('core', small.cursor));
    expect(head).toMatchObject({
      changes: [],
      evictions: [],
      nextCursor: small.cursor,
      hasMore: false,
    });
  });

  it('delivers writes made during a walk, later in the same walk', async () => {
    const amelia = await signIn(t, t.account('Amelia Hart'));
    const { patientId } = await recordsOf(
      t.db,
      await userIdOf(t.db, t.account('Amelia Hart').email),
    );
    const messageId = randomUUID();
    const walked = await walk(helen, 'core', 50, async () => {
      await amelia.push([
        { kind: 'message.send', payload: { messageId, patientId, body: 'written mid-walk' } },
      ]);
    });
    expect(walked.changes.filter((c) => c.id === messageId)).toHaveLength(1);
  });

  it('streams transcripts in their own lane, whole and in order, capped per page', async () => {
    const page = PullResponse.parse(await helen.pull('transcripts', '0', 1000));
    expect(page.changes).toHaveLength(TRANSCRIPT_PAGE_MAX);
    for (const change of page.changes) {
      expect(change.entity).toBe('transcript');
      const transcript = Transcript.parse(change.data);
      expect(transcript.utterances.length).toBeGreaterThanOrEqual(80);
      expect(transcript.utterances.map((u) => u.seq)).toEqual(
        transcript.utterances.map((_, i) => i),
      );
    }
    const core = PullResponse.parse(await helen.pull('core', '0', 1000));
    expect(core.changes.some((c) => c.entity === 'transcript')).toBe(false);
  });

  it('re-sends an edited record at the head with a higher version', async () => {
    const priya = await signIn(t, t.account('Priya Nair'));
    const records = await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email));
    const before = (await walk(priya, 'core', 1000)).cursor;
    await priya.push([
      {
        kind: 'appointment.recordOutcome',
        payload: {
          appointmentId: records.appointmentId,
          outcome: 'attended',
          cancelledAt: null,
          cancelledBy: null,
          baseVersion: 1,
        },
      },
    ]);
    const page = PullResponse.parse(await priya.pull('core', before));
    expect(page.changes).toEqual([
      expect.objectContaining({
        entity: 'appointment',
        id: records.appointmentId,
        version: 2,
        op: 'upsert',
      }),
    ]);
  });
});
