import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment } from '../../../shared/clinical';
import {
  PayConfigError,
  rateOn,
  statementCsv,
  statementOfHours,
  csvCell,
} from '../../../shared/clinical';
import { appointment, config, configWith, episode } from './fixtures';

const step3 = episode({ id: 'e3', step: 3 });
const step2 = episode({ id: 'e2', step: 2, patientId: 'p-alex' });

function a3(id: string, startsAt: string, over: Partial<Appointment> = {}): Appointment {
  return appointment({
    id,
    startsAt,
    episodeId: 'e3',
    durationMinutes: 60,
    outcome: 'attended',
    ...over,
  });
}

describe('statementOfHours: step 3 month, line by line', () => {
  const appointments: Appointment[] = [
    a3('a1', '2026-03-02T10:00:00Z', { kind: 'assessment' }),
    a3('a2', '2026-03-09T10:00:00Z'),
    a3('a3', '2026-03-16T10:00:00Z', { durationMinutes: 45 }),
    a3('a4', '2026-03-23T10:00:00Z', { durationMinutes: 30 }),
    a3('a5', '2026-03-24T10:00:00Z', { outcome: 'dna' }),
    a3('a6', '2026-03-25T10:00:00Z', {
      outcome: 'cancelled',
      cancelledBy: 'patient',
      cancelledAt: '2026-03-24T12:00:00Z',
    }),
    a3('a7', '2026-03-26T10:00:00Z', { outcome: 'dna' }),
    // not paid: cancelled in time, cancelled by the therapist, not yet recorded
    a3('a8', '2026-03-27T10:00:00Z', {
      outcome: 'cancelled',
      cancelledBy: 'patient',
      cancelledAt: '2026-03-20T10:00:00Z',
    }),
    a3('a9', '2026-03-27T11:00:00Z', {
      outcome: 'cancelled',
      cancelledBy: 'therapist',
      cancelledAt: '2026-03-27T09:00:00Z',
    }),
    a3('a10', '2026-03-30T10:00:00Z', { outcome: undefined }),
  ];
  const statement = statementOfHours([step3], appointments, 2026, 3, config);

  it('has one line per paid event, in start order', () => {
    expect(
      statement.lines.map((l) => [l.appointmentId, l.outcome, l.paidAs, l.totalPence]),
    ).toEqual([
      ['a1', 'attended', 'full', 4483],
      ['a2', 'attended', 'full', 4483],
      ['a3', 'attended', 'full', 3362],
      ['a4', 'attended', 'full', 2241],
      ['a5', 'dna', 'half', 2241],
      ['a6', 'late_cancellation', 'half', 2241],
      ['a7', 'dna', 'unpaid_over_limit', 0],
    ]);
  });

  it('totals to the penny', () => {
    expect(statement.basePence).toBe(4000 + 4000 + 3000 + 2000 + 2000 + 2000);
    expect(statement.holidayPence).toBe(483 + 483 + 362 + 241 + 241 + 241);
    expect(statement.totalPence).toBe(4483 + 4483 + 3362 + 2241 + 2241 + 2241);
    expect(statement.month).toBe('2026-03');
    expect(statement.paidInMonth).toBe('2026-04');
  });

  it('writes CSV with a header, a line per event and a total row', () => {
    const csv = statementCsv(statement, (id) => (id === 'p-sam' ? 'NTT-2026-7' : 'other'));
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe(
      'Date and time (UK),Case reference,Step,Session,Minutes,Outcome,Paid as,Rate from,Hourly rate (£),Pay (£),Holiday pay (£),Total (£)',
    );
    expect(rows[1]).toBe(
      '2026-03-02 10:00,NTT-2026-7,3,assessment,60,attended,in full,2000-01-01,40.00,40.00,4.83,44.83',
    );
    expect(rows[7]).toBe(
      '2026-03-26 10:00,NTT-2026-7,3,treatment,60,did not attend,not paid: over the missed sessions paid per episode,2000-01-01,40.00,0.00,0.00,0.00',
    );
    expect(rows[8]).toBe('Total for 2026-03,,,,,,,,,170.00,20.51,190.51');
    // No ids: nothing in the file but words, dates, numbers and case references.
    expect(csv).not.toMatch(/\b(a1|e3|p-sam)\b/);
    expect(rows[9]).toBe('');
    expect(rows).toHaveLength(10);
  });
});

describe('statementOfHours: the two-per-episode limit', () => {
  it('counts DNAs of earlier months: a third in the episode is paid at zero', () => {
    const appointments = [
      a3('feb-dna', '2026-02-10T10:00:00Z', { outcome: 'dna' }),
      a3('feb-late', '2026-02-17T10:00:00Z', {
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: '2026-02-17T08:00:00Z',
      }),
      a3('mar-dna', '2026-03-10T10:00:00Z', { outcome: 'dna' }),
    ];
    const march = statementOfHours([step3], appointments, 2026, 3, config);
    expect(march.lines).toHaveLength(1);
    expect(march.lines[0]).toMatchObject({
      appointmentId: 'mar-dna',
      paidAs: 'unpaid_over_limit',
      totalPence: 0,
    });
    const february = statementOfHours([step3], appointments, 2026, 2, config);
    expect(february.totalPence).toBe(2241 * 2);
  });

  it('counts per episode, not per patient or therapist', () => {
    const appointments = [
      a3('x1', '2026-03-02T10:00:00Z', { outcome: 'dna' }),
      a3('x2', '2026-03-03T10:00:00Z', { outcome: 'dna' }),
      appointment({
        id: 'y1',
        episodeId: 'e2',
        patientId: 'p-alex',
        startsAt: '2026-03-04T10:00:00Z',
        outcome: 'dna',
      }),
      appointment({
        id: 'y2',
        episodeId: 'e2',
        patientId: 'p-alex',
        startsAt: '2026-03-05T10:00:00Z',
        outcome: 'dna',
      }),
    ];
    const s = statementOfHours([step3, step2], appointments, 2026, 3, config);
    expect(s.lines.map((l) => [l.appointmentId, l.totalPence])).toEqual([
      ['x1', 2241],
      ['x2', 2241],
      ['y1', 938],
      ['y2', 938],
    ]);
  });

  it('follows a configured limit', () => {
    const appointments = [a3('x1', '2026-03-02T10:00:00Z', { outcome: 'dna' })];
    const none = configWith({ pay: { halfRateEventsPerEpisode: 0 } });
    expect(statementOfHours([step3], appointments, 2026, 3, none).lines[0]?.paidAs).toBe(
      'unpaid_over_limit',
    );
  });
});

describe('statementOfHours: missed sessions per step, and lengths (issue 10 items 10–12)', () => {
  const a2 = (id: string, startsAt: string, over: Partial<Appointment> = {}): Appointment =>
    appointment({ id, startsAt, episodeId: 'e2', patientId: 'p-alex', ...over });

  it('step 2: DNAs at half rate, at most two; a late cancellation is unpaid and uses no DNA slot', () => {
    const appointments = [
      a2('dna1', '2026-03-02T10:00:00Z', { outcome: 'dna' }),
      a2('late', '2026-03-03T10:00:00Z', {
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: '2026-03-03T08:00:00Z',
      }),
      a2('dna2', '2026-03-04T10:00:00Z', { outcome: 'dna' }),
      a2('dna3', '2026-03-05T10:00:00Z', { outcome: 'dna' }),
    ];
    const s = statementOfHours([step2], appointments, 2026, 3, config);
    expect(s.lines.map((l) => [l.appointmentId, l.outcome, l.paidAs, l.totalPence])).toEqual([
      ['dna1', 'dna', 'half', 938],
      ['late', 'late_cancellation', 'unpaid_not_paid_at_step', 0],
      ['dna2', 'dna', 'half', 938],
      ['dna3', 'dna', 'unpaid_over_limit', 0],
    ]);
  });

  it('step 3: a patient cancelling exactly 48 hours before is a late cancellation paid at half rate', () => {
    const s = statementOfHours(
      [step3],
      [
        a3('edge', '2026-03-12T10:00:00Z', {
          outcome: 'cancelled',
          cancelledBy: 'patient',
          cancelledAt: '2026-03-10T10:00:00Z',
        }),
      ],
      2026,
      3,
      config,
    );
    expect(s.lines).toEqual([
      expect.objectContaining({ outcome: 'late_cancellation', paidAs: 'half', totalPence: 2241 }),
    ]);
  });

  it('follows the per-step configuration of which missed sessions are paid', () => {
    const paidLate = configWith({
      pay: { halfRateOutcomes: { step2: ['dna', 'late_cancellation'], step3: ['dna'] } },
    });
    const appointments = [
      a2('late2', '2026-03-03T10:00:00Z', {
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: '2026-03-03T08:00:00Z',
      }),
      a3('late3', '2026-03-03T10:00:00Z', {
        outcome: 'cancelled',
        cancelledBy: 'patient',
        cancelledAt: '2026-03-03T08:00:00Z',
      }),
    ];
    const s = statementOfHours([step2, step3], appointments, 2026, 3, paidLate);
    expect(s.lines.map((l) => [l.appointmentId, l.paidAs])).toEqual([
      ['late2', 'half'],
      ['late3', 'unpaid_not_paid_at_step'],
    ]);
  });

  it('flags a session of a length the service does not book, unpaid until corrected', () => {
    const s = statementOfHours(
      [step2],
      [a2('long', '2026-03-02T10:00:00Z', { durationMinutes: 60, outcome: 'attended' })],
      2026,
      3,
      config,
    );
    expect(s.lines).toEqual([
      expect.objectContaining({
        appointmentId: 'long',
        paidAs: 'unpaid_length_not_booked',
        totalPence: 0,
      }),
    ]);
    expect(s.totalPence).toBe(0);
  });
});

describe('statementOfHours: months and rates in Europe/London', () => {
  const rates = configWith({
    pay: {
      rates: [
        ...config.pay.rates,
        {
          step: 3,
          effectiveFrom: '2026-04-01',
          hourlyRatePence: 4200,
          holidayPayBasisPoints: 1207,
        },
      ],
    },
  });

  it('puts 00:30 BST on 1 April (23:30 UTC on 31 March) in April, at the April rate', () => {
    const appointments = [
      a3('edge', '2026-03-31T23:30:00Z'),
      a3('midnight', '2026-03-31T23:00:00Z'),
      a3('before', '2026-03-31T22:59:59Z'),
    ];
    const march = statementOfHours([step3], appointments, 2026, 3, rates);
    const april = statementOfHours([step3], appointments, 2026, 4, rates);
    expect(march.lines.map((l) => [l.appointmentId, l.hourlyRatePence])).toEqual([
      ['before', 4000],
    ]);
    expect(
      april.lines.map((l) => [l.appointmentId, l.hourlyRatePence, l.rateEffectiveFrom]),
    ).toEqual([
      ['midnight', 4200, '2026-04-01'],
      ['edge', 4200, '2026-04-01'],
    ]);
    // £42 + 12.07 % (506.94p → 507p)
    expect(april.totalPence).toBe(2 * 4707);
    expect(
      statementCsv(april, () => 'NTT-1')
        .split('\r\n')[2]
        ?.startsWith('2026-04-01 00:30,NTT-1,'),
    ).toBe(true);
  });

  it('takes a London winter month from 00:00 GMT', () => {
    const appointments = [a3('jan', '2026-01-31T23:59:00Z'), a3('feb', '2026-02-01T00:00:00Z')];
    expect(
      statementOfHours([step3], appointments, 2026, 2, config).lines.map((l) => l.appointmentId),
    ).toEqual(['feb']);
  });

  it('pays 29 February 2028 in February', () => {
    const appointments = [a3('leap', '2028-02-29T12:00:00Z')];
    expect(statementOfHours([step3], appointments, 2028, 2, config).totalPence).toBe(4483);
    expect(statementOfHours([step3], appointments, 2028, 3, config).lines).toEqual([]);
  });

  it('leaves out a session of another month whose episode it was not given', () => {
    expect(
      statementOfHours([], [a3('feb', '2026-02-10T10:00:00Z')], 2026, 3, config).lines,
    ).toEqual([]);
  });

  it('refuses a session with no rate in force, or whose episode is unknown', () => {
    const late = configWith({
      pay: {
        rates: [
          { step: 3, effectiveFrom: '2026-04-01', hourlyRatePence: 4000, holidayPayBasisPoints: 0 },
        ],
      },
    });
    expect(() =>
      statementOfHours([step3], [a3('a', '2026-03-02T10:00:00Z')], 2026, 3, late),
    ).toThrow('No step 3 pay rate in force on 2026-03-02');
    expect(() => statementOfHours([], [a3('a', '2026-03-02T10:00:00Z')], 2026, 3, config)).toThrow(
      PayConfigError,
    );
  });

  it('refuses a month that is not one', () => {
    expect(() => statementOfHours([], [], 2026, 13, config)).toThrow(RangeError);
  });
});

describe('rateOn', () => {
  const rates = configWith({
    pay: {
      rates: [
        { step: 2, effectiveFrom: '2026-04-01', hourlyRatePence: 2600, holidayPayBasisPoints: 0 },
        { step: 2, effectiveFrom: '2025-04-01', hourlyRatePence: 2500, holidayPayBasisPoints: 0 },
        { step: 2, effectiveFrom: '2027-04-01', hourlyRatePence: 2700, holidayPayBasisPoints: 0 },
      ],
    },
  });
  it.each([
    ['2025-04-01', 2500],
    ['2026-03-31', 2500],
    ['2026-04-01', 2600],
    ['2027-03-31', 2600],
    ['2027-04-01', 2700],
  ])('on %s pays %i', (date, pence) => {
    expect(rateOn(2, date, rates).hourlyRatePence).toBe(pence);
  });
  it('has nothing before the first', () => {
    expect(() => rateOn(2, '2025-03-31', rates)).toThrow(PayConfigError);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['-1', "'-1"],
    ['@x,y', `"'@x,y"`],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('statementOfHours properties', () => {
  const outcome = fc.constantFrom('attended', 'dna', 'cancelled', undefined);
  const appt = fc.record({
    n: fc.nat(),
    episode: fc.constantFrom('e2', 'e3'),
    minutes: fc.constantFrom(30, 45, 60),
    offsetMinutes: fc.integer({ min: 0, max: 60 * 24 * 90 }),
    outcome,
    noticeHours: fc.integer({ min: 0, max: 96 }),
  });
  it('the total equals the sum of its lines, and no line is negative', () => {
    fc.assert(
      fc.property(
        fc.array(appt, { maxLength: 40 }),
        fc.integer({ min: 1, max: 3 }),
        (rows, month) => {
          const appointments = rows.map((r, i): Appointment => {
            const startsMs = Date.parse('2026-01-01T00:00:00Z') + r.offsetMinutes * 60_000;
            return appointment({
              id: `a${i}`,
              episodeId: r.episode,
              durationMinutes: r.minutes,
              startsAt: new Date(startsMs).toISOString(),
              outcome: r.outcome,
              ...(r.outcome === 'cancelled'
                ? {
                    cancelledBy: 'patient',
                    cancelledAt: new Date(startsMs - r.noticeHours * 3_600_000).toISOString(),
                  }
                : {}),
            });
          });
          const s = statementOfHours([step2, step3], appointments, 2026, month, config);
          const sum = s.lines.reduce((t, l) => t + l.totalPence, 0);
          expect(s.totalPence).toBe(sum);
          expect(s.basePence + s.holidayPence).toBe(s.totalPence);
          for (const l of s.lines) {
            expect(l.totalPence).toBeGreaterThanOrEqual(0);
            expect(Number.isInteger(l.totalPence)).toBe(true);
          }
          const perEpisode = new Map<string, number>();
          for (const l of statementOfHours([step2, step3], appointments, 2026, month, config)
            .lines) {
            if (l.paidAs === 'half')
              perEpisode.set(l.episodeId, (perEpisode.get(l.episodeId) ?? 0) + 1);
          }
          for (const n of perEpisode.values()) expect(n).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});
