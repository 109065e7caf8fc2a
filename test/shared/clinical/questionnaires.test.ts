import { describe, expect, it } from 'vitest';
import {
  type MeasureSession,
  measureSessionRule,
  QUESTIONNAIRES,
  todaysSession,
} from '../../../shared/clinical';

describe('QUESTIONNAIRES', () => {
  it('word every item and every answer of PHQ-9, GAD-7 and WSAS', () => {
    expect(QUESTIONNAIRES.PHQ9.items).toHaveLength(9);
    expect(QUESTIONNAIRES.PHQ9.items[8]).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    expect(QUESTIONNAIRES.GAD7.items).toHaveLength(7);
    expect(QUESTIONNAIRES.WSAS.items).toHaveLength(5);
    expect(QUESTIONNAIRES.PHQ9.answers.map((a) => a.score)).toEqual([0, 1, 2, 3]);
    expect(QUESTIONNAIRES.WSAS.answers.map((a) => a.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

// Tuesday 1 December 2026, 15:00 GMT.
const NOW = '2026-12-01T15:00:00.000Z';
const session = (
  id: string,
  startsAt: string,
  outcome: MeasureSession['outcome'] = 'attended',
) => ({
  id,
  startsAt,
  outcome,
});

describe('measureSessionRule: scores belong to a session that has taken place', () => {
  it.each<[string, MeasureSession, string | null]>([
    ['an attended session', session('a', '2026-11-20T10:00:00Z'), null],
    ["today's session not yet recorded", session('b', '2026-12-01T14:00:00Z', null), null],
    [
      'a session still to come',
      session('c', '2026-12-01T16:00:00Z', null),
      'That session has not started yet: scores belong to a session that has taken place.',
    ],
    [
      'a missed session',
      session('d', '2026-11-20T10:00:00Z', 'dna'),
      'The patient did not attend that session: its scores cannot be filed against it.',
    ],
    [
      'a cancelled session',
      session('e', '2026-11-20T10:00:00Z', 'cancelled'),
      'The patient did not attend that session: its scores cannot be filed against it.',
    ],
  ])('%s', (_label, s, reason) => {
    expect(measureSessionRule(s, NOW)).toEqual(
      reason === null ? { ok: true } : { ok: false, reason },
    );
  });
});

describe("todaysSession: scores default to today's session, never to the newest attended", () => {
  it('takes the latest of today’s sessions that has started and was not missed', () => {
    const sessions = [
      session('september', '2026-09-15T10:00:00Z'),
      session('morning', '2026-12-01T09:00:00Z'),
      session('afternoon', '2026-12-01T14:00:00Z', null),
      session('evening', '2026-12-01T18:00:00Z', null),
      session('missed', '2026-12-01T14:30:00Z', 'dna'),
    ];
    expect(todaysSession(sessions, NOW)?.id).toBe('afternoon');
  });

  it('offers none when there is no session today (a UK day: 00:30 BST is the next day)', () => {
    expect(todaysSession([session('september', '2026-09-15T10:00:00Z')], NOW)).toBeNull();
    expect(
      todaysSession([session('late', '2026-06-30T22:00:00Z')], '2026-06-30T23:30:00.000Z'),
    ).toBeNull();
  });
});
