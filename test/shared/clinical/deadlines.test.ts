import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Appointment,
  ClinicalFacts,
  Episode,
  Message,
  Note,
  Ticket,
} from '../../../shared/clinical';
import {
  ClinicalFactsSchema,
  computeDeadlines,
  deadlineState,
  DeadlineSchema,
  openDeadlines,
} from '../../../shared/clinical';
import { ALEX, SAM, appointment, config, episode, facts, message, note, ticket } from './fixtures';

describe('deadlineState', () => {
  const due = 100 * 3_600_000;
  it.each([
    ['done when completed at or before now', due - 1, due + 5, 'done'],
    ['done exactly at now', due + 5, due + 5, 'done'],
    ['not done when completed after now', due + 6, due + 5, 'overdue'],
    ['overdue just after due', undefined, due + 1, 'overdue'],
    ['due soon at due', undefined, due, 'due_soon'],
    ['due soon at the window edge', undefined, due - 24 * 3_600_000, 'due_soon'],
    ['upcoming before the window', undefined, due - 24 * 3_600_000 - 1, 'upcoming'],
  ] as const)('%s', (_label, completed, now, state) => {
    expect(deadlineState(due, completed, now, 24)).toBe(state);
  });
});

describe('computeDeadlines', () => {
  const sample: ClinicalFacts = facts({
    episodes: [
      episode(),
      episode({ id: 'e2', patientId: ALEX.id, startedAt: '2026-03-01T09:00:00.000Z' }),
    ],
    messages: [message({ id: 'm1', receivedAt: '2026-03-03T14:02:00.000Z' })],
    appointments: [
      appointment({ id: 'a1', startsAt: '2026-03-02T10:00:00.000Z', outcome: 'attended' }),
    ],
    notes: [note({ id: 'n1', appointmentId: 'a1', completedAt: '2026-03-02T12:00:00.000Z' })],
  });

  it('sorts by due instant, then id, and every deadline matches the schema', () => {
    const list = computeDeadlines(sample, config, '2026-03-04T00:00:00.000Z');
    expect(list.map((d) => d.id)).toEqual([
      'clinical_note:a1',
      'message_reply:m1',
      'contact_gap:p-alex',
      'contact_gap:p-sam',
      'case_review:p-alex',
      'case_review:p-sam',
    ]);
    for (const d of list) expect(DeadlineSchema.parse(d)).toEqual(d);
  });

  it('leaves out deadlines done before a cutoff', () => {
    const list = computeDeadlines(sample, config, '2026-03-04T00:00:00.000Z', {
      omitDoneBefore: '2026-03-02T12:00:00.001Z',
    });
    expect(list.map((d) => d.id)).not.toContain('clinical_note:a1');
    const kept = computeDeadlines(sample, config, '2026-03-04T00:00:00.000Z', {
      omitDoneBefore: '2026-03-02T12:00:00.000Z',
    });
    expect(kept.map((d) => d.id)).toContain('clinical_note:a1');
  });

  it('openDeadlines drops the done ones', () => {
    const list = computeDeadlines(sample, config, '2026-03-04T00:00:00.000Z');
    expect(openDeadlines(list).map((d) => d.state)).not.toContain('done');
    expect(openDeadlines(list)).toHaveLength(list.length - 1);
  });

  it('keeps ids stable as time passes', () => {
    const before = computeDeadlines(sample, config, '2026-03-04T00:00:00.000Z')
      .map((d) => d.id)
      .sort();
    const after = computeDeadlines(sample, config, '2026-03-20T00:00:00.000Z')
      .map((d) => d.id)
      .sort();
    expect(after).toEqual(before);
  });
});

describe('deadline properties', () => {
  const BASE = Date.parse('2026-01-01T00:00:00Z');
  // a whole year, so both clock changes are inside it
  const instant = fc
    .integer({ min: 0, max: 365 * 86_400_000 })
    .map((ms) => new Date(BASE + ms).toISOString());
  const patient = fc.constantFrom(SAM.id, ALEX.id);
  const episodeId = fc.constantFrom('e1', 'e2');

  const messages = fc.array(
    fc.record({
      patientId: patient,
      sender: fc.constantFrom('patient' as const, 'therapist' as const),
      receivedAt: instant,
    }),
    { maxLength: 12 },
  );
  const appointments = fc.array(
    fc.record({
      episodeId,
      kind: fc.constantFrom('assessment' as const, 'treatment' as const),
      startsAt: instant,
      outcome: fc.constantFrom('attended' as const, 'dna' as const, undefined),
    }),
    { maxLength: 12 },
  );
  const notes = fc.array(fc.record({ appointment: fc.nat(11), completedAt: instant }), {
    maxLength: 6,
  });
  const tickets = fc.array(
    fc.record({
      episodeId,
      kind: fc.constantFrom(
        'new_patient' as const,
        'session_extension_request' as const,
        'four_weekly_review' as const,
      ),
      raisedAt: instant,
    }),
    { maxLength: 4 },
  );
  const episodes = fc.record({
    e1Start: instant,
    e2Start: instant,
    e2End: fc.option(instant, { nil: undefined }),
    e1Step: fc.constantFrom(2 as const, 3 as const),
  });

  const world = fc.record({ messages, appointments, notes, tickets, episodes, now: instant });

  type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

  function build(w: World): ClinicalFacts {
    const eps: Episode[] = [
      episode({ id: 'e1', startedAt: w.episodes.e1Start, step: w.episodes.e1Step }),
      episode({
        id: 'e2',
        patientId: ALEX.id,
        startedAt: w.episodes.e2Start,
        ...(w.episodes.e2End === undefined
          ? {}
          : { endedAt: w.episodes.e2End, endReason: 'recovered_discharge' as const }),
      }),
    ];
    const appts: Appointment[] = w.appointments.map((a, i) =>
      appointment({ id: `a${i}`, ...a, patientId: a.episodeId === 'e1' ? SAM.id : ALEX.id }),
    );
    const msgs: Message[] = w.messages.map((m, i) => message({ id: `m${i}`, ...m }));
    const ns: Note[] = w.notes.map((n, i) =>
      note({ id: `n${i}`, appointmentId: `a${n.appointment}`, completedAt: n.completedAt }),
    );
    const ts: Ticket[] = w.tickets.map((t, i) =>
      ticket({ id: `t${i}`, ...t, patientId: t.episodeId === 'e1' ? SAM.id : ALEX.id }),
    );
    return ClinicalFactsSchema.parse(
      facts({ episodes: eps, appointments: appts, messages: msgs, notes: ns, tickets: ts }),
    );
  }

  it('a deadline never precedes its trigger, and its state agrees with now', () => {
    fc.assert(
      fc.property(world, (w) => {
        const nowMs = Date.parse(w.now);
        const list = computeDeadlines(build(w), config, w.now);
        const ids = new Set<string>();
        for (const d of list) {
          const due = Date.parse(d.dueAt);
          expect(due).toBeGreaterThanOrEqual(Date.parse(d.triggeredAt));
          expect(ids.has(d.id)).toBe(false);
          ids.add(d.id);
          if (d.state === 'done')
            expect(Date.parse(d.completedAt as string)).toBeLessThanOrEqual(nowMs);
          else expect(d.completedAt).toBeUndefined();
          if (d.state === 'overdue') expect(nowMs).toBeGreaterThan(due);
          if (d.state === 'upcoming' || d.state === 'due_soon')
            expect(nowMs).toBeLessThanOrEqual(due);
        }
      }),
      { numRuns: 300 },
    );
  });
});
