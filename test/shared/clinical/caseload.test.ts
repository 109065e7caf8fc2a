import { describe, expect, it } from 'vitest';
import type { TherapistCaseload } from '../../../shared/clinical';
import { caseloadStatus, TherapistCaseloadSchema } from '../../../shared/clinical';
import { config, configWith } from './fixtures';

const STARTED = '2026-03-02T09:00:00.000Z';
const DAY_13 = '2026-03-15T08:59:59.999Z';
const DAY_14 = '2026-03-16T09:00:00.000Z'; // 14 × 24 h after the start (no clock change in between)

function pwp(activePatients: number, over: Partial<TherapistCaseload> = {}): TherapistCaseload {
  return { role: 'step2', startedAt: STARTED, activePatients, ...over };
}
function hi(activePatients: number, over: Partial<TherapistCaseload> = {}): TherapistCaseload {
  return { role: 'step3', startedAt: STARTED, activePatients, ...over };
}
const codes = (t: TherapistCaseload, now: string): string[] =>
  caseloadStatus(t, config, now).warnings.map((w) => w.code);

describe('step 2 caseload', () => {
  it('is capped at 15 for the first two weeks, with no minimum', () => {
    expect(caseloadStatus(pwp(15), config, DAY_13)).toMatchObject({
      period: 'step2_initial',
      cap: 15,
      minimum: null,
      allocationLimit: 15,
      allocationOpen: false,
      openSlots: 0,
      warnings: [],
    });
    expect(codes(pwp(16), DAY_13)).toEqual(['over_cap']);
    expect(caseloadStatus(pwp(3), config, DAY_13).openSlots).toBe(12);
  });

  it('after two weeks has a minimum of 15 and no cap', () => {
    expect(caseloadStatus(pwp(14), config, DAY_14)).toMatchObject({
      period: 'step2_established',
      cap: null,
      minimum: 15,
      allocationLimit: null,
      allocationOpen: true,
      openSlots: null,
    });
    expect(codes(pwp(14), DAY_14)).toEqual(['below_minimum']);
    expect(codes(pwp(15), DAY_14)).toEqual([]);
    expect(codes(pwp(40), DAY_14)).toEqual([]);
  });

  it('accepts a lower minimum agreed with the supervisor', () => {
    expect(codes(pwp(10, { agreedMinimum: 10 }), DAY_14)).toEqual([]);
    expect(codes(pwp(9, { agreedMinimum: 10 }), DAY_14)).toEqual(['below_minimum']);
  });

  it('stops allocation at the desired caseload, warning when it is below the minimum', () => {
    const status = caseloadStatus(pwp(20, { desiredCaseload: 20 }), config, DAY_14);
    expect(status).toMatchObject({
      allocationLimit: 20,
      allocationOpen: false,
      openSlots: 0,
      warnings: [],
    });
    expect(codes(pwp(21, { desiredCaseload: 20 }), DAY_14)).toEqual(['over_desired']);
    expect(codes(pwp(12, { desiredCaseload: 12 }), DAY_14)).toEqual([
      'below_minimum',
      'desired_below_minimum',
    ]);
  });

  it('takes the lower of cap and desired caseload in the first two weeks', () => {
    expect(caseloadStatus(pwp(5, { desiredCaseload: 8 }), config, DAY_13)).toMatchObject({
      allocationLimit: 8,
      openSlots: 3,
    });
    expect(codes(pwp(5, { desiredCaseload: 20 }), DAY_13)).toEqual(['desired_above_cap']);
  });

  it('follows a configured initial period', () => {
    const week = configWith({ caseload: { step2InitialPeriodHours: 7 * 24 } });
    expect(caseloadStatus(pwp(5), week, DAY_13).period).toBe('step2_established');
  });
});

describe('step 3 caseload', () => {
  it('is capped at 10 during validation and asked to treat at least 5', () => {
    expect(caseloadStatus(hi(10), config, DAY_14)).toMatchObject({
      period: 'step3_validation',
      cap: 10,
      minimum: 5,
      allocationOpen: false,
      warnings: [],
    });
    expect(codes(hi(11), DAY_14)).toEqual(['over_cap']);
    expect(codes(hi(4), DAY_14)).toEqual(['below_minimum']);
    expect(codes(hi(5), DAY_14)).toEqual([]);
  });

  it('stays in validation until its end instant', () => {
    const ends = { validationEndedAt: DAY_14 };
    expect(caseloadStatus(hi(12, ends), config, DAY_13).period).toBe('step3_validation');
    expect(caseloadStatus(hi(12, ends), config, DAY_14)).toMatchObject({
      period: 'step3_validated',
      cap: null,
      minimum: null,
      allocationLimit: null,
      allocationOpen: true,
      warnings: [],
    });
  });

  it('after validation sets its own cap', () => {
    const own = hi(25, { validationEndedAt: STARTED, desiredCaseload: 25 });
    expect(caseloadStatus(own, config, DAY_14)).toMatchObject({
      allocationLimit: 25,
      allocationOpen: false,
    });
  });
});

describe('TherapistCaseloadSchema', () => {
  it('parses a valid record and refuses a negative caseload', () => {
    expect(TherapistCaseloadSchema.parse(pwp(3))).toEqual(pwp(3));
    expect(TherapistCaseloadSchema.safeParse(pwp(-1)).success).toBe(false);
  });
});

describe('agency therapists (issue 10 item 15): minimum caseload 10, per contract type', () => {
  it.each<[string, TherapistCaseload, string, number | null]>([
    ['an agency PWP once established', pwp(10, { contract: 'agency' }), DAY_14, 10],
    ['an employed PWP once established', pwp(10, { contract: 'employed' }), DAY_14, 15],
    [
      'an agency PWP in the first two weeks: no minimum',
      pwp(3, { contract: 'agency' }),
      DAY_13,
      null,
    ],
    [
      'an agency step 3 therapist once validated',
      hi(9, { contract: 'agency', validationEndedAt: STARTED }),
      DAY_14,
      10,
    ],
    [
      'an agency step 3 therapist while validating: the validation minimum',
      hi(4, { contract: 'agency' }),
      DAY_14,
      5,
    ],
    [
      'an employed step 3 therapist once validated: none',
      hi(1, { validationEndedAt: STARTED }),
      DAY_14,
      null,
    ],
  ])('%s', (_label, therapist, now, minimum) => {
    expect(caseloadStatus(therapist, config, now).minimum).toBe(minimum);
  });

  it('warns below it, and follows the configuration', () => {
    expect(codes(pwp(9, { contract: 'agency' }), DAY_14)).toEqual(['below_minimum']);
    const eight = configWith({ caseloadByContract: { agencyMinimum: 8 } });
    expect(caseloadStatus(pwp(8, { contract: 'agency' }), eight, DAY_14).warnings).toEqual([]);
  });
});
