import { describe, expect, it } from 'vitest';
import {
  TODAY_SECTION_ORDER,
  placeOfDeadline,
  todaySections,
  todayWindow,
  type Deadline,
  type TodayPlace,
  type TodaySectionKey,
} from '../../../shared/clinical';

const HOUR = 3_600_000;
// Wednesday 2 December 2026, 09:00 UK (GMT).
const now = Date.UTC(2026, 11, 2, 9, 0);
const at = (hoursFromNow: number): string => new Date(now + hoursFromNow * HOUR).toISOString();

function deadline(
  kind: Deadline['kind'],
  subjectId: string,
  dueInHours: number,
  extra: Partial<Deadline> = {},
): Deadline {
  const state: Deadline['state'] =
    dueInHours < 0 ? 'overdue' : dueInHours <= 24 ? 'due_soon' : 'upcoming';
  return {
    id: `${kind}:${subjectId}`,
    kind,
    patientId: `p-${subjectId}`,
    subjectId,
    triggeredAt: at(dueInHours - 48),
    dueAt: at(dueInHours),
    state,
    sentence: `${kind} ${subjectId}`,
    ...extra,
  };
}

const session = (id: string, startsInHours: number) => ({
  id,
  patientId: `p-${id}`,
  startsAt: at(startsInHours),
});

/** Each section's item keys, for the sections that have any. */
function plan(input: Partial<Parameters<typeof todaySections>[0]>): Record<string, string[]> {
  const sections = todaySections({
    deadlines: [],
    risks: [],
    sessions: [],
    nowMs: now,
    replyWindowHours: 48,
    ...input,
  });
  return Object.fromEntries(
    sections.filter((s) => s.items.length > 0).map((s) => [s.key, s.items.map((i) => i.key)]),
  );
}

describe("Today's order", () => {
  it('returns every section, in the order the work is done', () => {
    const keys = todaySections({
      deadlines: [],
      risks: [],
      sessions: [],
      nowMs: now,
      replyWindowHours: 48,
    }).map((s) => s.key);
    expect(keys).toEqual<TodaySectionKey[]>([
      'risk',
      'replies',
      'sessions',
      'notes',
      'due_soon',
      'overdue',
      'week',
      'later',
    ]);
    expect(keys).toEqual([...TODAY_SECTION_ORDER]);
  });

  it('puts a mixed day in its sections: risk, replies, sessions, notes, due soon, backlog, later', () => {
    expect(
      plan({
        deadlines: [
          deadline('case_review', 'cr', 200),
          deadline('clinical_note', 'appt-old', -300),
          deadline('message_reply', 'm-late', -2),
          deadline('new_patient_ticket', 'np', 5),
          deadline('clinical_note', 'appt-1', 30),
          deadline('message_reply', 'm-2', 40),
          deadline('message_reply', 'm-1', 3),
          deadline('risk_ticket', 'meas', 10),
          deadline('contact_gap', 'cg', 100),
          deadline('assessment_letter', 'appt-a', 2),
          deadline('message_reply', 'done', -1, { state: 'done', completedAt: at(-1) }),
        ],
        risks: [{ patientId: 'p-meas', item9: 1, measuredAt: at(-14) }],
        sessions: [session('tomorrow', 26), session('later-today', 5), session('now', 0.5)],
      }),
    ).toEqual({
      risk: ['risk:p-meas'],
      replies: ['message_reply:m-1', 'message_reply:m-2'],
      sessions: ['session:now', 'session:later-today'],
      notes: ['assessment_letter:appt-a', 'clinical_note:appt-1'],
      due_soon: ['new_patient_ticket:np'],
      overdue: ['clinical_note:appt-old', 'message_reply:m-late'],
      week: ['session:tomorrow'],
      later: ['contact_gap:cg', 'case_review:cr'],
    });
  });

  it.each<[string, number, TodaySectionKey]>([
    ['due in 1 hour', 1, 'replies'],
    ['due in 47 hours', 47, 'replies'],
    // "Within 48 hours" is inclusive.
    ['due in exactly 48 hours', 48, 'replies'],
    ['due in 49 hours (a service with a longer reply rule)', 49, 'later'],
    ['due now (still in time)', 0, 'replies'],
    ['overdue by a minute', -1 / 60, 'overdue'],
  ])('a reply %s goes under %s', (_what, dueIn, section) => {
    expect(plan({ deadlines: [deadline('message_reply', 'm', dueIn)] })).toEqual({
      [section]: ['message_reply:m'],
    });
  });

  it('orders replies soonest first, and the backlog oldest first', () => {
    const result = plan({
      deadlines: [
        deadline('message_reply', 'b', 20),
        deadline('message_reply', 'a', 2),
        deadline('message_reply', 'c', 45),
        deadline('clinical_note', 'june', -4000),
        deadline('case_review', 'july', -3000),
        deadline('message_reply', 'yesterday', -20),
      ],
    });
    expect(result.replies).toEqual(['message_reply:a', 'message_reply:b', 'message_reply:c']);
    expect(result.overdue).toEqual([
      'clinical_note:june',
      'case_review:july',
      'message_reply:yesterday',
    ]);
  });

  it('puts a note due in more than a day under notes, not later', () => {
    expect(plan({ deadlines: [deadline('clinical_note', 'x', 40)] })).toEqual({
      notes: ['clinical_note:x'],
    });
  });

  it('puts a deadline inside the therapist’s leave under later, even when due soon', () => {
    const leave = { from: '2026-12-01', to: '2026-12-05' };
    expect(
      plan({
        deadlines: [
          deadline('message_reply', 'm', 3, { duringLeave: leave }),
          deadline('clinical_note', 'n', 10, { duringLeave: leave }),
        ],
      }),
    ).toEqual({ later: ['message_reply:m', 'clinical_note:n'] });
  });

  it('keeps a risk ticket under risk whatever its state, merged with the patient’s flag', () => {
    const sections = todaySections({
      deadlines: [deadline('risk_ticket', 'a', -5), deadline('risk_ticket', 'b', 20)],
      risks: [
        { patientId: 'p-b', item9: 2, measuredAt: at(-4) },
        { patientId: 'p-c', item9: 1, measuredAt: at(-100) },
        { patientId: 'p-d', item9: 1, measuredAt: at(-10) },
      ],
      sessions: [],
      nowMs: now,
      replyWindowHours: 48,
    });
    const risk = sections.find((s) => s.key === 'risk')?.items ?? [];
    // A ticket still owed first: item 9 of 2, then an overdue ticket whose flag a later score
    // cleared; then the flags whose ticket is raised, the newest first.
    expect(risk.map((i) => i.key)).toEqual(['risk:p-b', 'risk:p-a', 'risk:p-d', 'risk:p-c']);
    expect(risk.map((i) => i.place)).toEqual<TodayPlace[]>([
      { to: 'ticket', ticketKind: 'non_urgent_risk' },
      { to: 'ticket', ticketKind: 'non_urgent_risk' },
      { to: 'record' },
      { to: 'record' },
    ]);
    expect(sections.find((s) => s.key === 'overdue')?.items).toEqual([]);
  });

  it('splits sessions by the UK day, not the UTC one, and leaves yesterday’s out', () => {
    // 23:30 UK on 2 December in summer time would be the next UTC day; here in BST.
    const summerNow = Date.UTC(2026, 6, 15, 21, 0); // 22:00 UK, Wednesday 15 July
    const sections = todaySections({
      deadlines: [],
      risks: [],
      sessions: [
        { id: 'late', patientId: 'p', startsAt: '2026-07-15T22:30:00.000Z' }, // 23:30 UK, today
        { id: 'after-midnight', patientId: 'p', startsAt: '2026-07-15T23:30:00.000Z' }, // 00:30 UK, tomorrow
        { id: 'earlier', patientId: 'p', startsAt: '2026-07-15T08:00:00.000Z' }, // today, 09:00 UK
        { id: 'yesterday', patientId: 'p', startsAt: '2026-07-14T20:00:00.000Z' },
      ],
      nowMs: summerNow,
      replyWindowHours: 48,
    });
    const keys = (k: TodaySectionKey) => sections.find((s) => s.key === k)?.items.map((i) => i.key);
    expect(keys('sessions')).toEqual(['session:earlier', 'session:late']);
    expect(keys('week')).toEqual(['session:after-midnight']);
  });
});

describe('where each deadline is acted on', () => {
  it.each<[Deadline['kind'], TodayPlace]>([
    ['message_reply', { to: 'reply' }],
    ['contact_gap', { to: 'reply' }],
    ['clinical_note', { to: 'note', appointmentId: 'subject', noteKind: 'session_note' }],
    ['assessment_letter', { to: 'note', appointmentId: 'subject', noteKind: 'assessment_letter' }],
    ['discharge_letter', { to: 'note', appointmentId: null, noteKind: 'discharge_letter' }],
    ['new_patient_ticket', { to: 'ticket', ticketKind: 'new_patient' }],
    ['risk_ticket', { to: 'ticket', ticketKind: 'non_urgent_risk' }],
    ['session_extension', { to: 'ticket', ticketKind: 'session_extension_request' }],
    ['case_review', { to: 'ticket', ticketKind: 'four_weekly_review' }],
    ['step3_review', { to: 'ticket', ticketKind: 'four_weekly_review' }],
    ['episode_end_ticket', { to: 'ticket', ticketKind: null }],
  ])('%s opens %j', (kind, place) => {
    expect(placeOfDeadline(deadline(kind, 'subject', 5))).toEqual(place);
  });
});

describe('the sessions Today reads', () => {
  it.each([
    // GMT: the UK day starts at midnight UTC.
    [Date.UTC(2026, 11, 2, 9, 0), '2026-12-02T00:00:00.000Z', '2026-12-10T00:00:00.000Z'],
    // BST: the UK day starts at 23:00 UTC the day before; 00:30 UK is already the new day.
    [Date.UTC(2026, 6, 14, 23, 30), '2026-07-14T23:00:00.000Z', '2026-07-22T23:00:00.000Z'],
    // The week across the October change: eight UK days are 193 hours.
    [Date.UTC(2026, 9, 20, 12, 0), '2026-10-19T23:00:00.000Z', '2026-10-28T00:00:00.000Z'],
  ])('at %d: from %s to %s', (nowMs, from, to) => {
    expect(todayWindow(nowMs)).toEqual({ from, to });
  });
});
