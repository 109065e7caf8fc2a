import { describe, expect, it } from 'vitest';
import type { ClinicalFacts, Deadline } from '../../../shared/clinical';
import { computeDeadlines } from '../../../shared/clinical';
import { ALEX, appointment, config, configWith, episode, facts, message } from './fixtures';

const RECEIVED = '2026-03-03T14:02:00.000Z'; // Tuesday, GMT
const DUE = '2026-03-05T14:02:00.000Z';

function of(
  kind: Deadline['kind'],
  f: Partial<ClinicalFacts>,
  now: string,
  c = config,
): Deadline[] {
  return computeDeadlines(facts(f), c, now).filter((d) => d.kind === kind);
}
const reply = (f: Partial<ClinicalFacts>, now: string, c = config) =>
  of('message_reply', f, now, c);
const gap = (f: Partial<ClinicalFacts>, now: string, c = config) => of('contact_gap', f, now, c);

describe('message reply: 48 hours after receipt', () => {
  const waiting = { messages: [message({ id: 'm1', receivedAt: RECEIVED })] };

  it('is due 48 h after receipt with a sentence to act on', () => {
    expect(reply(waiting, '2026-03-03T15:00:00.000Z')).toEqual([
      {
        id: 'message_reply:m1',
        kind: 'message_reply',
        patientId: 'p-sam',
        subjectId: 'm1',
        triggeredAt: RECEIVED,
        dueAt: DUE,
        state: 'upcoming',
        sentence:
          "Reply to Sam Carter's message from Tuesday 3 March 2026, 14:02 — due Thursday 5 March 2026, 14:02",
      },
    ]);
  });

  it.each([
    ['24 h + 1 ms before: upcoming', '2026-03-04T14:01:59.999Z', 'upcoming'],
    ['24 h before: due soon', '2026-03-04T14:02:00.000Z', 'due_soon'],
    ['at the due instant: still due soon', DUE, 'due_soon'],
    ['1 ms after: overdue', '2026-03-05T14:02:00.001Z', 'overdue'],
  ])('%s', (_label, now, state) => {
    expect(reply(waiting, now)[0]?.state).toBe(state);
  });

  it('is done when the therapist writes to the patient afterwards, late or not', () => {
    const inTime = {
      messages: [
        ...waiting.messages,
        message({ id: 'r', sender: 'therapist', receivedAt: '2026-03-04T09:00:00.000Z' }),
      ],
    };
    expect(reply(inTime, '2026-03-10T00:00:00.000Z')[0]).toMatchObject({
      state: 'done',
      completedAt: '2026-03-04T09:00:00.000Z',
      completedLate: false,
    });
    const late = {
      messages: [
        ...waiting.messages,
        message({ id: 'r', sender: 'therapist', receivedAt: '2026-03-05T14:02:00.001Z' }),
      ],
    };
    expect(reply(late, '2026-03-10T00:00:00.000Z')[0]).toMatchObject({
      state: 'done',
      completedLate: true,
    });
  });

  it('a reply dated after now does not count yet', () => {
    const future = {
      messages: [
        ...waiting.messages,
        message({ id: 'r', sender: 'therapist', receivedAt: '2026-03-04T09:00:00.000Z' }),
      ],
    };
    const d = reply(future, '2026-03-04T08:00:00.000Z')[0];
    expect(d?.state).toBe('upcoming');
    expect(d?.completedAt).toBeUndefined();
  });

  it('a therapist message before, at the same instant, or to another patient is not a reply', () => {
    const f = {
      messages: [
        message({ id: 'before', sender: 'therapist', receivedAt: '2026-03-03T14:01:59.999Z' }),
        message({ id: 'same', sender: 'therapist', receivedAt: RECEIVED }),
        message({
          id: 'other',
          sender: 'therapist',
          patientId: ALEX.id,
          receivedAt: '2026-03-04T09:00:00.000Z',
        }),
        ...waiting.messages,
      ],
    };
    expect(reply(f, '2026-03-06T00:00:00.000Z').map((d) => d.state)).toEqual(['overdue']);
  });

  it('a message received while another is unanswered keeps its own deadline; one reply answers both', () => {
    const two = [
      message({ id: 'm1', receivedAt: RECEIVED }),
      message({ id: 'm2', receivedAt: '2026-03-04T09:30:00.000Z' }),
    ];
    const open = reply({ messages: two }, '2026-03-05T15:00:00.000Z');
    expect(open.map((d) => [d.id, d.dueAt, d.state])).toEqual([
      ['message_reply:m1', DUE, 'overdue'],
      ['message_reply:m2', '2026-03-06T09:30:00.000Z', 'due_soon'],
    ]);
    const answered = [
      ...two,
      message({ id: 'r', sender: 'therapist', receivedAt: '2026-03-05T16:00:00.000Z' }),
    ];
    expect(
      reply({ messages: answered }, '2026-03-05T17:00:00.000Z').map((d) => [
        d.id,
        d.state,
        d.completedLate,
      ]),
    ).toEqual([
      ['message_reply:m1', 'done', true],
      ['message_reply:m2', 'done', false],
    ]);
    const between = [
      ...two,
      message({ id: 'r', sender: 'therapist', receivedAt: '2026-03-04T09:00:00.000Z' }),
    ];
    expect(reply({ messages: between }, '2026-03-05T17:00:00.000Z').map((d) => d.state)).toEqual([
      'done',
      'due_soon',
    ]);
  });

  it('is 48 real hours across the October change (wall clock moves by an hour)', () => {
    const d = reply(
      { messages: [message({ id: 'm', receivedAt: '2026-10-24T13:02:00.000Z' })] },
      '2026-10-24T14:00:00.000Z',
    )[0];
    expect(d?.dueAt).toBe('2026-10-26T13:02:00.000Z');
    expect(d?.sentence).toBe(
      "Reply to Sam Carter's message from Saturday 24 October 2026, 14:02 — due Monday 26 October 2026, 13:02",
    );
  });

  it('is 48 real hours across the March change', () => {
    const d = reply(
      { messages: [message({ id: 'm', receivedAt: '2026-03-27T14:02:00.000Z' })] },
      '2026-03-27T15:00:00.000Z',
    )[0];
    expect(d?.dueAt).toBe('2026-03-29T14:02:00.000Z');
    expect(d?.sentence).toBe(
      "Reply to Sam Carter's message from Friday 27 March 2026, 14:02 — due Sunday 29 March 2026, 15:02",
    );
  });

  it('spans 29 February', () => {
    const d = reply(
      { messages: [message({ id: 'm', receivedAt: '2028-02-28T10:00:00.000Z' })] },
      '2028-02-28T11:00:00.000Z',
    )[0];
    expect(d?.dueAt).toBe('2028-03-01T10:00:00.000Z');
    expect(d?.sentence).toContain('due Wednesday 1 March 2028, 10:00');
  });

  it('follows the configuration (72 h); sentences read UK time with the device reading beside', () => {
    const c72 = configWith({ deadlines: { messageReplyHours: 72 } });
    expect(reply(waiting, '2026-03-03T15:00:00.000Z', c72)[0]?.dueAt).toBe(
      '2026-03-06T14:02:00.000Z',
    );
    const ny = computeDeadlines(facts(waiting), config, '2026-03-03T15:00:00.000Z', {
      deviceZone: 'America/New_York',
    });
    expect(ny[0]?.sentence).toBe(
      "Reply to Sam Carter's message from Tuesday 3 March 2026, 14:02 UK time (09:02 America/New_York) — due Thursday 5 March 2026, 14:02 UK time (09:02 America/New_York)",
    );
  });

  it('names a patient the facts do not know by id', () => {
    const d = reply(
      { messages: [message({ id: 'm', patientId: 'p-x', receivedAt: RECEIVED })] },
      RECEIVED,
    )[0];
    expect(d?.sentence.startsWith("Reply to patient p-x's message")).toBe(true);
  });
});

describe('contact gap: never more than 7 days without contact', () => {
  const open = episode({ startedAt: '2026-03-02T09:00:00.000Z' });

  it('runs from the episode start when there has been no contact', () => {
    expect(gap({ episodes: [open] }, '2026-03-05T09:00:00.000Z')).toEqual([
      expect.objectContaining({
        id: 'contact_gap:p-sam',
        triggeredAt: '2026-03-02T09:00:00.000Z',
        dueAt: '2026-03-09T09:00:00.000Z',
        state: 'upcoming',
        sentence:
          'Contact Sam Carter (episode started Monday 2 March 2026, 09:00) — due Monday 9 March 2026, 09:00',
      }),
    ]);
  });

  it('runs from the latest message either way or attended appointment up to now', () => {
    const f = {
      episodes: [open],
      messages: [
        message({ id: 'p', receivedAt: '2026-03-03T10:00:00.000Z' }),
        message({ id: 't', sender: 'therapist', receivedAt: '2026-03-04T10:00:00.000Z' }),
        message({ id: 'future', receivedAt: '2026-03-20T10:00:00.000Z' }),
      ],
      appointments: [
        appointment({ id: 'att', startsAt: '2026-03-05T10:00:00.000Z', outcome: 'attended' }),
        appointment({ id: 'dna', startsAt: '2026-03-06T10:00:00.000Z', outcome: 'dna' }),
        appointment({ id: 'booked', startsAt: '2026-03-12T10:00:00.000Z' }),
      ],
    };
    const d = gap(f, '2026-03-11T10:00:00.000Z')[0];
    expect(d).toMatchObject({ dueAt: '2026-03-12T10:00:00.000Z', state: 'due_soon' });
    expect(d?.sentence).toBe(
      'Contact Sam Carter (last contact Thursday 5 March 2026, 10:00) — due Thursday 12 March 2026, 10:00',
    );
    expect(gap(f, '2026-03-12T10:00:00.001Z')[0]?.state).toBe('overdue');
  });

  it('counts contact at exactly now; an episode ending exactly now is closed', () => {
    const now = '2026-03-05T09:00:00.000Z';
    const f = { episodes: [open], messages: [message({ id: 'now', receivedAt: now })] };
    expect(gap(f, now)[0]?.triggeredAt).toBe(now);
    const endsNow = episode({ endedAt: now, endReason: 'step_up' });
    expect(gap({ episodes: [endsNow] }, now)).toEqual([]);
    expect(gap({ episodes: [endsNow] }, '2026-03-05T08:59:59.999Z')).toHaveLength(1);
  });

  it('ignores contact from before the episode started', () => {
    const f = {
      episodes: [open],
      messages: [message({ id: 'old', receivedAt: '2026-01-10T10:00:00.000Z' })],
    };
    expect(gap(f, '2026-03-05T09:00:00.000Z')[0]?.triggeredAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('only for open episodes, one per patient', () => {
    const ended = episode({ id: 'e0', endedAt: '2026-03-01T09:00:00.000Z', endReason: 'step_up' });
    const endsLater = episode({
      id: 'e2',
      patientId: ALEX.id,
      endedAt: '2026-04-01T09:00:00.000Z',
      endReason: 'recovered_discharge',
    });
    const twice = episode({ id: 'e3', startedAt: '2026-02-02T09:00:00.000Z' });
    const ids = gap({ episodes: [ended, open, twice, endsLater] }, '2026-03-05T09:00:00.000Z').map(
      (d) => [d.id, d.triggeredAt],
    );
    expect(ids).toEqual([
      ['contact_gap:p-alex', '2026-03-02T09:00:00.000Z'],
      ['contact_gap:p-sam', '2026-03-02T09:00:00.000Z'],
    ]);
    expect(gap({ episodes: [ended] }, '2026-03-05T09:00:00.000Z')).toEqual([]);
  });

  it('is 168 real hours across the October change', () => {
    const f = {
      episodes: [open],
      messages: [message({ id: 'm', receivedAt: '2026-10-20T09:00:00.000Z' })],
    };
    const d = gap(f, '2026-10-21T09:00:00.000Z')[0];
    expect(d?.dueAt).toBe('2026-10-27T09:00:00.000Z');
    expect(d?.sentence).toBe(
      'Contact Sam Carter (last contact Tuesday 20 October 2026, 10:00) — due Tuesday 27 October 2026, 09:00',
    );
  });

  it('follows the configuration', () => {
    const c5 = configWith({ deadlines: { contactGapHours: 5 * 24 } });
    expect(gap({ episodes: [open] }, '2026-03-05T09:00:00.000Z', c5)[0]?.dueAt).toBe(
      '2026-03-07T09:00:00.000Z',
    );
  });
});
