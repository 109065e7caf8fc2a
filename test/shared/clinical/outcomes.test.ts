import { describe, expect, it } from 'vitest';
import type { Appointment, MeasureRecord } from '../../../shared/clinical';
import {
  anxietyMeasureFor,
  episodeOutcome,
  MeasureInputError,
  phq9RiskFlags,
} from '../../../shared/clinical';
import { appointment, config, configWith, episode, gad7, phq9 } from './fixtures';

const at = (day: number): string => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;

/** Attended treatment sessions on days 2, 9, 16 … with paired PHQ-9/GAD-7 at each. */
function course(scores: Array<[number, number]>): {
  appointments: Appointment[];
  records: MeasureRecord[];
} {
  const appointments = scores.map((_, i) =>
    appointment({ id: `s${i + 1}`, startsAt: at(2 + 7 * i), outcome: 'attended' }),
  );
  const records = scores.flatMap(([d, a], i) => [
    phq9(`s${i + 1}`, at(2 + 7 * i), d),
    gad7(`s${i + 1}`, at(2 + 7 * i), a),
  ]);
  return { appointments, records };
}

function outcome(scores: Array<[number, number]>) {
  const { appointments, records } = course(scores);
  return episodeOutcome(episode(), appointments, records, config);
}

describe('episodeOutcome: worked examples (PHQ-9 caseness 10, RC 6; GAD-7 caseness 8, RC 4)', () => {
  it.each([
    // label, first [phq, gad], last [phq, gad], recovered, improved, deteriorated, reliably recovered
    ['recovered but not reliably (drops 4 and 2)', [12, 9], [8, 7], true, false, false, false],
    ['reliable recovery (drops 7 and 5)', [16, 12], [9, 7], true, true, false, true],
    [
      'reliable improvement without recovery (PHQ-9 ends at 11)',
      [18, 15],
      [11, 9],
      false,
      true,
      false,
      false,
    ],
    [
      'PHQ-9 ending exactly at caseness is not recovered',
      [16, 12],
      [10, 4],
      false,
      true,
      false,
      false,
    ],
    [
      'GAD-7 ending exactly at caseness is not recovered',
      [16, 12],
      [4, 8],
      false,
      true,
      false,
      false,
    ],
    ['a drop of exactly 6 is reliable', [16, 9], [10, 9], false, true, false, false],
    ['a drop of 5 is not', [15, 9], [10, 9], false, false, false, false],
    [
      'a GAD-7 drop of exactly 4 is reliable and recovers',
      [9, 11],
      [9, 7],
      true,
      true,
      false,
      true,
    ],
    [
      'a reliable drop with a reliable rise on the other is neither',
      [16, 4],
      [10, 8],
      false,
      false,
      false,
      false,
    ],
    ['reliable deterioration (GAD-7 +4)', [12, 8], [12, 12], false, false, true, false],
  ] as const)('%s', (_label, first, last, recovered, improved, deteriorated, reliablyRecovered) => {
    const result = outcome([[...first], [14, 10], [...last]]);
    expect(result.status).toBe('assessed');
    expect(result.atCasenessAtStart).toBe(true);
    expect({
      recovered: result.recovered,
      improved: result.reliablyImproved,
      deteriorated: result.reliablyDeteriorated,
      reliablyRecovered: result.reliablyRecovered,
    }).toEqual({ recovered, improved, deteriorated, reliablyRecovered });
  });

  it('a patient below caseness at the start is outside recovery, but can deteriorate', () => {
    const result = outcome([
      [8, 5],
      [14, 6],
    ]);
    expect(result).toMatchObject({
      atCasenessAtStart: false,
      recovered: null,
      reliablyRecovered: null,
      depressionChange: 'deteriorated',
      anxietyChange: 'no_reliable_change',
      reliablyDeteriorated: true,
      reliablyImproved: false,
    });
  });

  it('caseness on anxiety alone counts at the start', () => {
    expect(
      outcome([
        [9, 8],
        [3, 3],
      ]),
    ).toMatchObject({ atCasenessAtStart: true, recovered: true });
    expect(
      outcome([
        [9, 7],
        [3, 3],
      ]),
    ).toMatchObject({ atCasenessAtStart: false, recovered: null });
  });
});

describe('episodeOutcome: who is assessed', () => {
  it('one attended treatment session has not finished treatment', () => {
    const { appointments, records } = course([[15, 12]]);
    const extra = appointment({ id: 'dna', startsAt: at(20), outcome: 'dna' });
    const result = episodeOutcome(episode(), [...appointments, extra], records, config);
    expect(result).toMatchObject({
      status: 'not_finished_treatment',
      finishedTreatment: false,
      treatmentSessionsAttended: 1,
      recovered: null,
    });
  });

  it('two attended treatment sessions finish treatment; one pair is too few', () => {
    const { appointments, records } = course([
      [15, 12],
      [9, 7],
    ]);
    const result = episodeOutcome(episode(), appointments, records.slice(0, 3), config);
    expect(result).toMatchObject({
      status: 'too_few_paired_scores',
      finishedTreatment: true,
      atCasenessAtStart: null,
    });
    expect(result.pairedScores).toHaveLength(1);
  });

  it('an assessment does not count towards finished treatment', () => {
    const { appointments, records } = course([
      [15, 12],
      [9, 7],
    ]);
    const first = { ...(appointments[0] as Appointment), kind: 'assessment' as const };
    expect(
      episodeOutcome(episode(), [first, ...appointments.slice(1)], records, config).status,
    ).toBe('not_finished_treatment');
  });

  it('pairs by appointment, orders by time, ignores other episodes and keeps the latest repeat', () => {
    const { appointments, records } = course([
      [15, 12],
      [14, 11],
      [9, 7],
    ]);
    const shuffled = [...records].reverse();
    const repeat = { ...phq9('s3', '2026-03-16T11:00:00.000Z', 8), id: 'phq9-s3-again' };
    const other = phq9('s1', at(2), 27, 'e-other');
    const result = episodeOutcome(episode(), appointments, [...shuffled, repeat, other], config);
    expect(result.pairedScores.map((p) => [p.appointmentId, p.depression, p.anxiety])).toEqual([
      ['s1', 15, 12],
      ['s2', 14, 11],
      ['s3', 8, 7],
    ]);
  });

  it('validates every record, WSAS included', () => {
    const { appointments, records } = course([
      [15, 12],
      [9, 7],
    ]);
    const badWsas: MeasureRecord = {
      ...(records[0] as MeasureRecord),
      id: 'w',
      measure: 'wsas',
      items: [9, 0, 0, 0, 0],
    };
    expect(() => episodeOutcome(episode(), appointments, [...records, badWsas], config)).toThrow(
      MeasureInputError,
    );
    const okWsas: MeasureRecord = { ...badWsas, items: [8, 0, 0, 0, 0] };
    expect(episodeOutcome(episode(), appointments, [...records, okWsas], config).status).toBe(
      'assessed',
    );
  });

  it('follows a configured minimum for finished treatment', () => {
    const { appointments, records } = course([
      [15, 12],
      [9, 7],
    ]);
    const three = configWith({ sessions: { finishedTreatmentMinSessions: 3 } });
    expect(episodeOutcome(episode(), appointments, records, three).status).toBe(
      'not_finished_treatment',
    );
  });
});

describe('episodeOutcome: ADSM substitution', () => {
  const spinConfig = configWith({
    measures: {
      adsm: [
        {
          id: 'spin',
          name: 'SPIN',
          maxScore: 68,
          caseness: 19,
          reliableChange: 10,
          problemDescriptors: ['social_anxiety'],
        },
      ],
    },
  });
  const spin = (appointmentId: string, takenAt: string, total: number): MeasureRecord => ({
    id: `spin-${appointmentId}`,
    patientId: 'p-sam',
    episodeId: 'e1',
    appointmentId,
    takenAt,
    measure: 'adsm',
    adsmId: 'spin',
    total,
  });

  it('replaces GAD-7 when the problem descriptor has an ADSM', () => {
    // GAD-7 alone: 5 → 9, never at caseness on anxiety, PHQ-9 8 → 7: not at caseness at all.
    const { appointments, records } = course([
      [8, 5],
      [7, 9],
    ]);
    const withSpin = [...records, spin('s1', at(2), 40), spin('s2', at(9), 18)];
    const social = episode({ problemDescriptor: 'social_anxiety' });
    const result = episodeOutcome(social, appointments, withSpin, spinConfig);
    expect(result.anxietyMeasure).toEqual({
      id: 'spin',
      name: 'SPIN',
      caseness: 19,
      reliableChange: 10,
    });
    expect(result).toMatchObject({
      atCasenessAtStart: true,
      recovered: true,
      reliablyImproved: true,
      reliablyRecovered: true,
    });
    const plain = episodeOutcome(episode(), appointments, withSpin, spinConfig);
    expect(plain).toMatchObject({
      anxietyMeasure: { id: 'gad7' },
      atCasenessAtStart: false,
      recovered: null,
      reliablyDeteriorated: true,
    });
  });

  it('keeps GAD-7 for a descriptor without an ADSM', () => {
    expect(anxietyMeasureFor(episode({ problemDescriptor: 'depression' }), spinConfig)).toEqual({
      id: 'gad7',
      name: 'GAD-7',
      caseness: 8,
      reliableChange: 4,
    });
  });

  it('refuses an ADSM record the configuration does not know', () => {
    const { appointments, records } = course([
      [8, 5],
      [7, 9],
    ]);
    expect(() =>
      episodeOutcome(episode(), appointments, [...records, spin('s1', at(2), 40)], config),
    ).toThrow('ADSM "spin" has no thresholds');
  });
});

describe('PHQ-9 item 9 risk flag', () => {
  it('lists every PHQ-9 with item 9 above 0 and ignores other measures', () => {
    const flagged: MeasureRecord = {
      ...phq9('s2', at(9), 0),
      id: 'risky',
      items: [0, 0, 0, 0, 0, 0, 0, 0, 2],
    };
    const records = [phq9('s1', at(2), 12), flagged, gad7('s1', at(2), 21)];
    expect(phq9RiskFlags(records, config)).toEqual([
      { measureRecordId: 'risky', appointmentId: 's2', takenAt: at(9), item9: 2 },
    ]);
    const { appointments } = course([
      [1, 1],
      [1, 1],
    ]);
    expect(episodeOutcome(episode(), appointments, records, config).riskFlags).toHaveLength(1);
  });
});
