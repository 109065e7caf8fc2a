import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PullResponse, PushResponse, entitySchemas } from '../../shared/api';
import { CTSR_ITEMS } from '../../shared/clinical';
import { useBackends } from './support/backends';
import { recordsOf, type PatientRecords, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Samuel supervises Priya (step 3): his CTS-R ratings and ticket decisions reach her.
describe.each(useBackends())('CTS-R ratings and ticket decisions on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let samuel: Session;
  let records: PatientRecords;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    samuel = await signIn(t, t.account('Dr Samuel Okafor'));
    records = await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email));
  });
  afterAll(async () => t?.close());

  const rate = (items: unknown[], itemNotes?: string[]): Draft =>
    ({
      kind: 'ctsr.rate',
      payload: {
        ratingId: randomUUID(),
        transcriptId: records.transcriptId,
        items,
        ...(itemNotes ? { itemNotes } : {}),
        comment: 'Good agenda, rushed homework.',
      },
    }) as Draft;
  const ratingCount = async () =>
    Number((await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM ctsr_ratings'))[0]?.n);
  const pulled = async (session: Session, entity: 'ctsrRating' | 'ticket', id: string) => {
    const changes = (await session.pullAll('core')).flatMap((p) => PullResponse.parse(p).changes);
    const change = changes.findLast((c) => c.entity === entity && c.id === id);
    return change?.op === 'upsert' ? change.data : undefined;
  };

  it('refuses a rating with an unscored item, naming it, and stores nothing', async () => {
    const before = await ratingCount();
    const items = CTSR_ITEMS.map((_, i) => (i === 1 || i === 11 ? null : 4));
    const response = await samuel.push([rate(items)]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain(
      '2 items are not scored yet: Feedback, Homework setting.',
    );
    expect(await ratingCount()).toBe(before);
  });

  it('refuses a 9 in words rather than storing a 6', async () => {
    const before = await ratingCount();
    const response = await samuel.push([rate([9, ...CTSR_ITEMS.slice(1).map(() => 3)])]);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('whole number from 0 to 6');
    expect(await ratingCount()).toBe(before);
  });

  it('keeps each item and its note, and the therapist pulls them all', async () => {
    const items = [6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5];
    const notes = CTSR_ITEMS.map((name, i) => (i % 4 === 0 ? `Note on ${name}` : ''));
    const mutation = rate(items, notes);
    const result = PushResponse.parse((await samuel.push([mutation])).body).results[0];
    expect(result?.status).toBe('applied');
    const ratingId = (mutation.payload as { ratingId: string }).ratingId;
    const seen = entitySchemas.ctsrRating.parse(await pulled(priya, 'ctsrRating', ratingId));
    expect(seen).toMatchObject({ items, itemNotes: notes, total: 36 });
  });

  const raise = async (): Promise<string> => {
    const ticketId = randomUUID();
    await priya.push([
      {
        kind: 'ticket.raise',
        payload: { ticketId, patientId: records.patientId, type: 'four_weekly_review', body: 'x' },
      },
    ]);
    return ticketId;
  };
  const decide = (ticketId: string, decision: 'decline' | 'advice', comment: string): Draft => ({
    kind: 'ticket.decide',
    payload: { ticketId, decision, comment },
  });

  it('refuses a decline or a request for more without a reason; the ticket stays open', async () => {
    const ticketId = await raise();
    for (const decision of ['decline', 'advice'] as const) {
      const response = await samuel.push([decide(ticketId, decision, '  ')]);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(/needs a reason/);
    }
    const [row] = await t.db.query<{ state: string }>('SELECT state FROM tickets WHERE id = $1', [
      ticketId,
    ]);
    expect(row?.state).toBe('open');
  });

  it('the therapist sees a decline with its reason', async () => {
    const ticketId = await raise();
    const result = PushResponse.parse(
      (await samuel.push([decide(ticketId, 'decline', 'Review the PHQ-9 trend first.')])).body,
    ).results[0];
    expect(result?.status).toBe('applied');
    expect(await pulled(priya, 'ticket', ticketId)).toMatchObject({
      state: 'declined',
      decision: { decision: 'decline', comment: 'Review the PHQ-9 trend first.' },
    });
  });
});
