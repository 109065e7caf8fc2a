import { describe, expect, it } from 'vitest';
import type { ClinicalFacts, Deadline } from '../../../shared/clinical';
import { computeDeadlines } from '../../../shared/clinical';
import { appointment, config, configWith, episode, facts, note } from './fixtures';

const NOW = '2026-03-20T12:00:00.000Z';
const SESSION = '2026-03-19T10:00:00.000Z'; // Thursday

function kinds(f: Partial<ClinicalFacts>, now = NOW, c = config): Array<[string, string, string]> {
  return computeDeadlines(facts(f), c, now)
    .filter((d) => ['clinical_note', 'assessment_letter', 'discharge_letter'].includes(d.kind))
    .map((d: Deadline) => [d.id, d.dueAt, d.state]);
}

describe('clinical notes: 48 hours after the appointment ends', () => {
  it('a session note for an attended session', () => {
    const f = {
      appointments: [appointment({ id: 'a1', startsAt: SESSION, outcome: 'attended' as const })],
    };
    const [d] = computeDeadlines(facts(f), config, NOW).filter((x) => x.kind === 'clinical_note');
    expect(d).toMatchObject({
      id: 'clinical_note:a1',
      // a 45-minute session at 10:00 ends at 10:45: due 48 hours after that
      triggeredAt: '2026-03-19T10:45:00.000Z',
      dueAt: '2026-03-21T10:45:00.000Z',
      state: 'due_soon',
    });
    expect(d?.sentence).toBe(
      "Write the note for Sam Carter's treatment on Thursday 19 March 2026, 10:00 — due Saturday 21 March 2026, 10:45",
    );
  });

  it('a note for a DNA too; none for a cancelled or not yet recorded appointment', () => {
    const f = {
      appointments: [
        appointment({ id: 'dna', startsAt: SESSION, outcome: 'dna' }),
        appointment({
          id: 'c',
          startsAt: SESSION,
          outcome: 'cancelled',
          cancelledBy: 'patient',
          cancelledAt: SESSION,
        }),
        appointment({ id: 'b', startsAt: '2026-03-26T10:00:00.000Z' }),
      ],
    };
    const list = computeDeadlines(facts(f), config, NOW);
    expect(list.map((d) => d.id).filter((id) => id.startsWith('clinical_note'))).toEqual([
      'clinical_note:dna',
    ]);
    expect(list.find((d) => d.id === 'clinical_note:dna')?.sentence).toContain(
      "Sam Carter's missed treatment",
    );
  });

  it('is done by the earliest session note of that appointment only', () => {
    const f = {
      appointments: [appointment({ id: 'a1', startsAt: SESSION, outcome: 'attended' })],
      notes: [
        note({ id: 'n2', appointmentId: 'a1', completedAt: '2026-03-21T11:00:00.000Z' }),
        note({ id: 'n1', appointmentId: 'a1', completedAt: '2026-03-20T09:00:00.000Z' }),
        note({ id: 'other', appointmentId: 'a9', completedAt: '2026-03-19T12:00:00.000Z' }),
        note({
          id: 'letter',
          kind: 'assessment_letter',
          appointmentId: 'a1',
          completedAt: '2026-03-19T12:00:00.000Z',
        }),
        note({ id: 'loose', completedAt: '2026-03-19T12:00:00.000Z' }),
      ],
    };
    const [d] = computeDeadlines(facts(f), config, '2026-03-22T00:00:00.000Z');
    expect(d).toMatchObject({
      state: 'done',
      completedAt: '2026-03-20T09:00:00.000Z',
      completedLate: false,
    });
  });

  it('an attended assessment also needs an assessment letter', () => {
    const f = {
      appointments: [
        appointment({
          id: 'as',
          kind: 'assessment',
          durationMinutes: 60,
          startsAt: SESSION,
          outcome: 'attended',
        }),
      ],
      notes: [
        note({
          id: 'l',
          kind: 'assessment_letter',
          appointmentId: 'as',
          completedAt: '2026-03-20T08:00:00.000Z',
        }),
      ],
    };
    expect(kinds(f)).toEqual([
      ['assessment_letter:as', '2026-03-21T11:00:00.000Z', 'done'],
      ['clinical_note:as', '2026-03-21T11:00:00.000Z', 'due_soon'],
    ]);
    const letter = computeDeadlines(facts(f), config, '2026-03-19T11:00:00.000Z').find(
      (d) => d.kind === 'assessment_letter',
    );
    expect(letter?.sentence).toBe(
      'Write the assessment letter for Sam Carter (assessed Thursday 19 March 2026, 10:00) — due Saturday 21 March 2026, 11:00',
    );
    const missed = {
      appointments: [
        appointment({ id: 'as', kind: 'assessment', startsAt: SESSION, outcome: 'dna' }),
      ],
    };
    expect(kinds(missed).map(([id]) => id)).toEqual(['clinical_note:as']);
  });

  it('a discharge needs a discharge letter; a step up or a future end does not', () => {
    const f = {
      episodes: [
        episode({
          id: 'done',
          endedAt: '2026-03-18T16:00:00.000Z',
          endReason: 'non_recovered_discharge',
        }),
        episode({
          id: 'rec',
          endedAt: '2026-03-19T16:00:00.000Z',
          endReason: 'recovered_discharge',
        }),
        episode({ id: 'up', endedAt: '2026-03-18T16:00:00.000Z', endReason: 'step_up' }),
        episode({
          id: 'later',
          endedAt: '2026-03-25T16:00:00.000Z',
          endReason: 'recovered_discharge',
        }),
      ],
      notes: [
        note({
          id: 'dl',
          kind: 'discharge_letter',
          episodeId: 'done',
          completedAt: '2026-03-19T16:00:00.000Z',
        }),
      ],
    };
    expect(kinds(f)).toEqual([
      ['discharge_letter:done', '2026-03-20T16:00:00.000Z', 'done'],
      ['discharge_letter:rec', '2026-03-21T16:00:00.000Z', 'upcoming'],
    ]);
    const rec = computeDeadlines(facts(f), config, NOW).find(
      (d) => d.id === 'discharge_letter:rec',
    );
    expect(rec?.sentence).toBe(
      'Write the discharge letter for Sam Carter (discharged Thursday 19 March 2026, 16:00) — due Saturday 21 March 2026, 16:00',
    );
  });

  it('follows the configuration', () => {
    const f = { appointments: [appointment({ id: 'a1', startsAt: SESSION, outcome: 'attended' })] };
    const c24 = configWith({ deadlines: { clinicalNoteHours: 24 } });
    expect(kinds(f, NOW, c24)).toEqual([
      ['clinical_note:a1', '2026-03-20T10:45:00.000Z', 'overdue'],
    ]);
  });

  it('is 48 real hours across the March change', () => {
    const f = {
      appointments: [
        appointment({ id: 'a1', startsAt: '2026-03-28T10:00:00.000Z', outcome: 'attended' }),
      ],
    };
    const d = computeDeadlines(facts(f), config, '2026-03-28T11:00:00.000Z')[0];
    expect(d?.dueAt).toBe('2026-03-30T10:45:00.000Z');
    expect(d?.sentence).toContain(
      'on Saturday 28 March 2026, 10:00 — due Monday 30 March 2026, 11:45',
    );
  });
});
