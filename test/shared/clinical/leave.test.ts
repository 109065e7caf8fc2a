import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../shared/clinical';
import {
  deadlineDuringLeave,
  duringLeaveWords,
  leaveCovering,
  leaveDates,
  leaveMessage,
  leaveOnDay,
  markDeadlinesDuringLeave,
} from '../../../shared/clinical';

// Leave from Monday 7 to Friday 11 December 2026 (UK winter time: UTC = UK).
const winter = { from: '2026-12-07', to: '2026-12-11' };
// Leave over the clock change, 24 to 31 March 2026 (UK summer time from 29 March).
const summer = { from: '2026-03-24', to: '2026-03-31' };

describe('which deadlines read "during your leave" (deadlineDuringLeave)', () => {
  const cases: {
    name: string;
    state: Deadline['state'];
    dueAt: string;
    leaves: { from: string; to: string }[];
    during: boolean;
  }[] = [
    {
      name: 'overdue, due inside the leave',
      state: 'overdue',
      dueAt: '2026-12-09T10:00:00Z',
      leaves: [winter],
      during: true,
    },
    {
      name: 'due soon, due inside the leave',
      state: 'due_soon',
      dueAt: '2026-12-09T10:00:00Z',
      leaves: [winter],
      during: true,
    },
    {
      name: 'upcoming, due inside the leave',
      state: 'upcoming',
      dueAt: '2026-12-10T10:00:00Z',
      leaves: [winter],
      during: true,
    },
    {
      name: 'due at the first instant of the first day (UK)',
      state: 'overdue',
      dueAt: '2026-12-07T00:00:00Z',
      leaves: [winter],
      during: true,
    },
    {
      name: 'due at the last minute of the last day (UK)',
      state: 'overdue',
      dueAt: '2026-12-11T23:59:59Z',
      leaves: [winter],
      during: true,
    },
    {
      name: 'due one second before the leave: plainly overdue',
      state: 'overdue',
      dueAt: '2026-12-06T23:59:59Z',
      leaves: [winter],
      during: false,
    },
    {
      name: 'due at midnight after the last day: after the leave',
      state: 'upcoming',
      dueAt: '2026-12-12T00:00:00Z',
      leaves: [winter],
      during: false,
    },
    {
      name: 'done inside the leave: history',
      state: 'done',
      dueAt: '2026-12-09T10:00:00Z',
      leaves: [winter],
      during: false,
    },
    {
      name: 'no leave',
      state: 'overdue',
      dueAt: '2026-12-09T10:00:00Z',
      leaves: [],
      during: false,
    },
    {
      name: 'summer: 23:30 UTC on 31 March is already 1 April in the UK',
      state: 'overdue',
      dueAt: '2026-03-31T23:30:00Z',
      leaves: [summer],
      during: false,
    },
    {
      name: 'summer: 23:30 UTC on 23 March is still 23 March in the UK (winter)',
      state: 'overdue',
      dueAt: '2026-03-23T23:30:00Z',
      leaves: [summer],
      during: false,
    },
    {
      name: 'summer: 22:59 UTC on 31 March is the last UK day',
      state: 'overdue',
      dueAt: '2026-03-31T22:59:00Z',
      leaves: [summer],
      during: true,
    },
    {
      name: 'the second of two leaves',
      state: 'upcoming',
      dueAt: '2026-03-30T09:00:00Z',
      leaves: [winter, summer],
      during: true,
    },
  ];
  it.each(cases)('$name', ({ state, dueAt, leaves, during }) => {
    const leave = deadlineDuringLeave({ state, dueAt }, leaves);
    expect(leave !== null).toBe(during);
  });

  it('keeps every deadline, its due time and state; marks only those inside a leave of its own therapist', () => {
    const base = {
      kind: 'message_reply' as const,
      subjectId: 's',
      triggeredAt: '2026-12-01T10:00:00Z',
      sentence: 'Reply',
    };
    const deadlines: Deadline[] = [
      { ...base, id: 'a', patientId: 'p1', dueAt: '2026-12-09T10:00:00Z', state: 'overdue' },
      { ...base, id: 'b', patientId: 'p2', dueAt: '2026-12-09T10:00:00Z', state: 'overdue' },
    ];
    const marked = markDeadlinesDuringLeave(deadlines, (id) => (id === 'p1' ? [winter] : []));
    expect(marked).toHaveLength(2);
    expect(marked[0]).toEqual({ ...deadlines[0], duringLeave: winter });
    expect(marked[1]).toEqual(deadlines[1]);
  });
});

describe('what they read', () => {
  it.each([
    [winter, null, 'During your leave, 7 December 2026 to 11 December 2026'],
    [winter, 'Sam Jones', 'During Sam Jones’s leave, 7 December 2026 to 11 December 2026'],
    [{ from: '2026-12-07', to: '2026-12-07' }, null, 'During your leave, 7 December 2026'],
  ])('%o for %s', (leave, name, words) => {
    expect(duringLeaveWords(leave, name)).toBe(words);
  });
  it('dates read day first', () => {
    expect(leaveDates(summer)).toBe('24 March 2026 to 31 March 2026');
  });
});

describe('the leave on a day (the paused caseload)', () => {
  it.each([
    ['2026-12-06', null],
    ['2026-12-07', winter],
    ['2026-12-11', winter],
    ['2026-12-12', null],
  ])('%s', (day, leave) => {
    expect(leaveOnDay(day, [winter])).toEqual(leave);
  });
  it('an instant at 00:30 UK summer time (23:30 UTC the day before) is on the UK day', () => {
    expect(
      leaveCovering('2026-03-23T23:30:00Z', [{ from: '2026-03-24', to: '2026-03-24' }]),
    ).toBeNull();
    expect(
      leaveCovering('2026-03-29T23:30:00Z', [{ from: '2026-03-30', to: '2026-03-30' }]),
    ).not.toBeNull();
  });
});

describe('the leave message to a patient', () => {
  const base = {
    patientGivenName: 'Sam',
    therapistName: 'Priya Nair',
    from: '7 December 2026',
    to: '11 December 2026',
    officeNumber: '0161 496 0123',
    onCallNumber: '0161 496 0456',
  };
  it('names the dates, 999 for immediate danger and the service’s own lines', () => {
    expect(leaveMessage(base)).toBe(
      [
        'Dear Sam,',
        'I am away from 7 December 2026 to 11 December 2026, and I will not be reading or answering messages in that time. I will be in touch when I am back.',
        'In an emergency, if you are in immediate danger, call 999 or go to A&E. If you need help with your treatment while I am away, ring the service on 0161 496 0123 in office hours, or the on-call line on 0161 496 0456 out of hours.',
        'Best wishes,\nPriya Nair',
      ].join('\n\n'),
    );
  });
  it('invents no number the service has not configured', () => {
    const text = leaveMessage({ ...base, to: base.from, officeNumber: null, onCallNumber: null });
    expect(text).toContain('I am away on 7 December 2026,');
    expect(text).not.toContain('ring the');
  });
});
