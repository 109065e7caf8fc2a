import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endSupervision, reallocatePatient } from '../../../../server/admin/operations';
import { CTSR_ITEMS } from '../../../../shared/clinical';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';
import { patientIdsOf, recordsOf, userIdOf } from '../../../server/support/fixtures';
import { signIn } from '../../../server/support/harness';

/**
 * Issue 15 on a supervisor's device (real core, encrypted store, real server): the CTS-R is
 * drafted offline with unscored items kept unscored, refused by the core while an item is
 * missing, submitted and seen by the therapist item by item; and when the supervision ends
 * nothing of the supervisee's patients is left on the device, search index included, except
 * a patient still seen through another supervisee.
 */
const reference = useReferenceServer();
let samuel: TestDevice;
let ids: { samuel: string; rhys: string; priya: string };

interface Summary {
  id: string;
  patientId: string;
  therapistId: string;
}
interface Page {
  transcript: Summary;
  utterances: { id: string; text: string }[];
  ctsrDraft: { items: (number | null)[]; itemNotes: string[]; comment: string } | null;
  ratings: { id: string; items: number[]; itemNotes: string[]; syncState: string }[];
  competenceThreshold: number;
}

beforeAll(async () => {
  const server = reference.server();
  ids = {
    samuel: await userIdOf(server.db, server.account('Dr Samuel Okafor').email),
    rhys: await userIdOf(server.db, server.account('Rhys Ellis').email),
    priya: await userIdOf(server.db, server.account('Priya Nair').email),
  };
  samuel = await startDevice({ serverUrl: reference.proxy().url });
  await samuel.signIn(server.account('Dr Samuel Okafor'));
  await samuel.synced();
}, 180_000);
afterAll(async () => samuel?.close());

const transcriptOf = async (therapistId: string, nth = 0): Promise<Summary> => {
  const { transcripts } = await samuel.call<{ transcripts: Summary[] }>('transcripts.list', {
    therapistId,
    limit: 500,
  });
  const t = transcripts[nth];
  if (!t) throw new Error('no transcript of that therapist on the device');
  return t;
};
const pageOf = (transcriptId: string) =>
  samuel.call<Page>('transcripts.page', { transcriptId, limit: 500 });

describe('the CTS-R on a supervisor’s device', () => {
  it('keeps a draft offline with unscored items unscored, refuses it as a rating, then submits', async () => {
    const t = await transcriptOf(ids.priya);
    const items = CTSR_ITEMS.map((_, i) => (i === 1 ? null : i === 0 ? 0 : 4));
    const itemNotes = CTSR_ITEMS.map((_, i) => (i === 0 ? 'No agenda at all.' : ''));
    reference.proxy().offline = true;
    try {
      await samuel.call('transcripts.saveCtsrDraft', {
        transcriptId: t.id,
        items,
        itemNotes,
        comment: 'Half way.',
      });
      const page = await pageOf(t.id);
      expect(page.ctsrDraft).toMatchObject({ items, itemNotes, comment: 'Half way.' });
      expect(page.competenceThreshold).toBe(36);
      // The draft is in the encrypted store, not only in memory.
      const [row] = await samuel.query<{ items: string }>(
        'SELECT items FROM ctsr_drafts WHERE transcript_id = ?',
        t.id,
      );
      expect(JSON.parse(row?.items ?? '[]')).toEqual(items);

      // The core refuses an unscored item by name, even past the IPC contract.
      expect(() =>
        samuel.core.handlers.transcripts.rate({
          transcriptId: t.id,
          items,
          itemNotes,
          comment: '',
        }),
      ).toThrow('One item is not scored yet: Feedback.');
      await expect(
        samuel.call('transcripts.rate', {
          transcriptId: t.id,
          items: items.map((s) => (s === null ? 9 : s)),
          itemNotes,
          comment: '',
        }),
      ).rejects.toThrow(/INVALID_REQUEST/);

      const complete = items.map((s) => s ?? 2);
      await samuel.call('transcripts.rate', {
        transcriptId: t.id,
        items: complete,
        itemNotes,
        comment: 'Rated.',
      });
      const after = await pageOf(t.id);
      expect(after.ctsrDraft).toBeNull();
      expect(after.ratings.at(-1)).toMatchObject({ items: complete, syncState: 'pending' });
    } finally {
      reference.proxy().offline = false;
    }
    await samuel.syncNow();
    const synced = await pageOf(t.id);
    expect(synced.ratings.at(-1)).toMatchObject({ syncState: 'synced', itemNotes });

    // The therapist sees every item, the notes, and the rating among their ratings over time.
    const priya = await startDevice({ serverUrl: reference.server().url });
    try {
      await priya.signIn(reference.server().account('Priya Nair'));
      await priya.synced();
      const history = await priya.call<{
        ratings: { transcriptId: string; items: number[]; itemNotes: string[]; total: number }[];
      }>('transcripts.ratingHistory', {});
      expect(history.ratings.find((r) => r.transcriptId === t.id)).toMatchObject({
        items: items.map((s) => s ?? 2),
        itemNotes,
        total: 0 + 2 + 4 * 10,
      });
    } finally {
      await priya.close();
    }
  });
});

describe('the transcript list', () => {
  it('pages through every session with therapist, length and review state, filtered', async () => {
    const first = await samuel.call<{
      transcripts: (Summary & { therapistName: string | null; durationMinutes: number | null })[];
      total: number;
    }>('transcripts.list', { limit: 50 });
    expect(first.total).toBeGreaterThan(50);
    expect(first.transcripts).toHaveLength(50);
    expect(first.transcripts.every((t) => t.therapistName !== null)).toBe(true);
    expect(first.transcripts.every((t) => t.durationMinutes !== null)).toBe(true);
    const ids = new Set<string>();
    for (let offset = 0; offset < first.total; offset += 200) {
      const page = await samuel.call<{ transcripts: Summary[] }>('transcripts.list', {
        offset,
        limit: 200,
      });
      for (const t of page.transcripts) ids.add(t.id);
    }
    expect(ids.size).toBe(first.total);
    const reviewed = await samuel.call<{ transcripts: { reviewed: boolean }[]; total: number }>(
      'transcripts.list',
      { reviewed: 'reviewed', limit: 500 },
    );
    const unreviewed = await samuel.call<{ total: number }>('transcripts.list', {
      reviewed: 'unreviewed',
      limit: 1,
    });
    expect(reviewed.total).toBeGreaterThan(0); // the rating made above
    expect(reviewed.transcripts.every((t) => t.reviewed)).toBe(true);
    expect(reviewed.total + unreviewed.total).toBe(first.total);
  });
});

describe('the supervisor’s home, from the device’s cache', () => {
  it('orders open tickets by urgency and gathers each supervisee’s reviews, risk, caseload and outcomes', async () => {
    const server = reference.server();
    // Priya raises a risk ticket after every other open ticket: it still comes first.
    const priya = await signIn(server, server.account('Priya Nair'));
    const { patientId } = await recordsOf(server.db, ids.priya);
    const risk = { id: randomUUID() };
    const raised = await priya.push([
      {
        kind: 'ticket.raise',
        payload: {
          ticketId: risk.id,
          patientId,
          type: 'non_urgent_risk',
          body: 'PHQ-9 item 9 at 1.',
        },
      },
    ]);
    expect(JSON.stringify(raised.body)).toContain('applied');
    await samuel.syncNow();
    const home = await samuel.call<{
      tickets: { id: string; urgency: string; raisedAt: string; therapistId: string }[];
      supervisees: {
        therapistId: string;
        activePatients: number;
        caseload: { cap: number | null; minimum: number | null };
        reviewsDue: { patientId: string; dueAt: string; state: string }[];
        attention: { patientId: string; riskFlag: boolean }[];
        outcomes: { ended: number; finishedTreatment: number };
      }[];
    }>('supervision.home', { periodDays: 365 });
    const rank = ['risk', 'extension_blocking_booked_session', 'new_patient', 'other'];
    const ranks = home.tickets.map((t) => rank.indexOf(t.urgency));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(home.tickets.length).toBeGreaterThan(0);
    expect(home.tickets[0]?.urgency).toBe('risk');
    expect(home.tickets.filter((t) => t.urgency === 'risk').map((t) => t.id)).toContain(risk.id);
    expect(home.supervisees.map((s) => s.therapistId).sort()).toEqual([ids.priya, ids.rhys].sort());
    const deadlines = await samuel.call<{
      deadlines: { kind: string; patientId: string; dueAt: string; state: string }[];
    }>('deadlines.list', {});
    const weekAhead = Date.now() + 7 * 24 * 3_600_000;
    const expectedReviews = deadlines.deadlines
      .filter((d) => d.kind === 'case_review' && Date.parse(d.dueAt) <= weekAhead)
      .map((d) => d.patientId)
      .sort();
    expect(home.supervisees.flatMap((s) => s.reviewsDue.map((r) => r.patientId)).sort()).toEqual(
      expectedReviews,
    );
    const caseload = await samuel.call<{ entries: { patientId: string; risk: unknown }[] }>(
      'caseload.list',
      {},
    );
    const flagged = caseload.entries.filter((e) => e.risk !== null).map((e) => e.patientId);
    const attention = home.supervisees.flatMap((s) =>
      s.attention.filter((a) => a.riskFlag).map((a) => a.patientId),
    );
    expect(attention.sort()).toEqual(flagged.sort());
    for (const s of home.supervisees) {
      expect(s.activePatients).toBe(
        caseload.entries.filter(
          (e) => (e as { therapistId?: string }).therapistId === s.therapistId,
        ).length,
      );
      expect(s.outcomes.finishedTreatment).toBeLessThanOrEqual(s.outcomes.ended);
    }
  });

  it('refuses a period shorter than a week', async () => {
    await expect(samuel.call('supervision.home', { periodDays: 1 })).rejects.toThrow(
      /INVALID_REQUEST/,
    );
  });
});

describe('ticket decisions on the supervisor’s device', () => {
  it('a decision taken offline that meets another supervisor’s shows both, nothing overwritten', async () => {
    const server = reference.server();
    const priya = await signIn(server, server.account('Priya Nair'));
    const { patientId } = await recordsOf(server.db, ids.priya);
    const ticketId = randomUUID();
    await priya.push([
      {
        kind: 'ticket.raise',
        payload: { ticketId, patientId, type: 'step_up_and_reallocate', body: 'Step up?' },
      },
    ]);
    await samuel.syncNow();
    reference.proxy().offline = true;
    try {
      await expect(
        samuel.call('tickets.decide', { ticketId, decision: 'decline', comment: '' }),
      ).rejects.toThrow(/INVALID_REQUEST/);
      await samuel.call('tickets.decide', {
        ticketId,
        decision: 'decline',
        comment: 'Not yet: two more sessions first.',
      });
      const helen = await signIn(server, server.account('Dr Helen Marsh'));
      await helen.push([
        {
          kind: 'ticket.decide',
          payload: { ticketId, decision: 'approve', comment: 'Step up agreed.' },
        },
      ]);
    } finally {
      reference.proxy().offline = false;
    }
    await samuel.syncNow();
    const { tickets } = await samuel.call<{
      tickets: {
        id: string;
        state: string;
        decision: { decision: string; comment: string } | null;
        refusedDecision: { decision: string; comment: string; reason: string } | null;
        syncState: string;
      }[];
    }>('tickets.list', { state: 'open' });
    // Decided meanwhile, but the refused decision needs the supervisor: still in the queue.
    expect(tickets.find((t) => t.id === ticketId)).toMatchObject({
      state: 'approved',
      decision: { decision: 'approve', comment: 'Step up agreed.' },
      refusedDecision: {
        decision: 'decline',
        comment: 'Not yet: two more sessions first.',
        reason: expect.stringMatching(/already decided/),
      },
      syncState: 'rejected',
    });
  });
});

describe('the end of a supervision on the supervisor’s device', () => {
  it('leaves zero rows of the supervisee’s patients in every table and the search index, but keeps a patient still seen', async () => {
    const server = reference.server();
    // A patient Rhys treated, now with Priya (whom Samuel still supervises): kept.
    const { patientId: stillSeen } = await recordsOf(server.db, ids.rhys);
    await reallocatePatient(server.db, stillSeen, ids.priya, 'caseload balancing');
    await samuel.syncNow();
    const leaving = (await patientIdsOf(server.db, [ids.rhys])).filter((p) => p !== stillSeen);

    // The supervisor's own work on a leaving patient: a synced comment and a rating, a draft.
    // (Any transcript of a leaving patient: which session is newest depends on when the demo was seeded.)
    const { transcripts: ofRhys } = await samuel.call<{ transcripts: Summary[] }>(
      'transcripts.list',
      { therapistId: ids.rhys, limit: 500 },
    );
    const t = ofRhys.find((s) => leaving.includes(s.patientId));
    if (!t) throw new Error('no transcript of a leaving patient on the device');
    const page = await pageOf(t.id);
    const word = 'zanzibarquux';
    const utterance = page.utterances[0];
    if (!utterance) throw new Error('empty transcript');
    await samuel.call('transcripts.comment', {
      transcriptId: t.id,
      utteranceId: utterance.id,
      body: `Feedback ${word}`,
    });
    await samuel.call('transcripts.rate', {
      transcriptId: t.id,
      items: CTSR_ITEMS.map(() => 3),
      itemNotes: CTSR_ITEMS.map(() => ''),
      comment: '',
    });
    const other = await transcriptOf(ids.rhys, 1);
    await samuel.call('transcripts.saveCtsrDraft', {
      transcriptId: other.id,
      items: CTSR_ITEMS.map(() => null),
      itemNotes: CTSR_ITEMS.map(() => ''),
      comment: 'started',
    });
    await samuel.syncNow();

    const searchTerm = utterance.text.split(/\W+/).find((w) => w.length > 4) ?? 'session';
    const localIds = async (patientIds: string[]) =>
      (
        await samuel.query<{ local_id: number }>(
          `SELECT u.local_id FROM utterances u JOIN transcripts t ON t.id = u.transcript_id
            WHERE t.patient_id IN (${patientIds.map(() => '?').join(',')})`,
          ...patientIds,
        )
      ).map((r) => r.local_id);
    const indexed = await localIds(leaving);
    expect(indexed.length).toBeGreaterThan(100);
    const keptIndexed = await localIds([stillSeen]);
    for (const p of leaving.slice(0, 3))
      expect((await samuel.rowsOfPatient(p)).total).toBeGreaterThan(0);

    await endSupervision(server.db, ids.samuel, ids.rhys);
    await samuel.syncNow();

    for (const p of leaving)
      expect(await samuel.rowsOfPatient(p)).toEqual({ total: 0, byTable: {} });
    // The full-text index: no document, no term instance of the leaving utterances.
    const inList = indexed.join(',');
    const [docs] = await samuel.query<{ n: number }>(
      `SELECT count(*) AS n FROM utterance_search_docsize WHERE id IN (${inList})`,
    );
    expect(docs?.n).toBe(0);
    const [instances] = await samuel.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT rowid FROM utterance_search WHERE utterance_search MATCH ?)
        WHERE rowid IN (${inList})`,
      `"${searchTerm}"`,
    );
    expect(instances?.n).toBe(0);
    const { hits } = await samuel.call<{ hits: { transcriptId: string }[] }>('transcripts.search', {
      text: word,
    });
    expect(hits).toEqual([]);
    expect(await samuel.query('SELECT 1 FROM users WHERE id = ?', ids.rhys)).toEqual([]);
    expect(
      await samuel.query(
        `SELECT 1 FROM ctsr_drafts WHERE patient_id IN (${leaving.map(() => '?').join(',')})`,
        ...leaving,
      ),
    ).toEqual([]);

    // The patient still seen through Priya keeps every transcript and its index.
    expect((await samuel.rowsOfPatient(stillSeen)).byTable['patients']).toBe(1);
    const [keptDocs] = await samuel.query<{ n: number }>(
      `SELECT count(*) AS n FROM utterance_search_docsize WHERE id IN (${keptIndexed.join(',')})`,
    );
    expect(keptDocs?.n).toBe(keptIndexed.length);
  });
});
