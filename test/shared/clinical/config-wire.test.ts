import { describe, expect, it } from 'vitest';
import {
  defaultServiceConfig,
  serviceConfigFromWire,
  type WireServiceConfig,
} from '../../../shared/clinical';

/** The seed's configuration, as the API carries it. */
const wire: WireServiceConfig = {
  deadlines: {
    messageReplyHours: 48,
    contactGapDays: 7,
    clinicalNoteHours: 48,
    caseReviewWeeks: 4,
    lateCancellationHours: 48,
    step2TreatmentSessionsBeforeExtension: 4,
  },
  caseloadCaps: {
    newPwpCap: 15,
    newPwpCapWeeks: 2,
    pwpMinimumCaseload: 15,
    step3ValidationCap: 10,
    step3ValidationMinimum: 5,
  },
  payRates: [
    {
      effectiveFrom: '2026-04-01',
      step: 3,
      appointmentKind: 'treatment',
      durationMinutes: 60,
      ratePence: 4000,
      holidayPayBasisPoints: 1207,
    },
    {
      effectiveFrom: '2026-04-01',
      step: 3,
      appointmentKind: 'treatment',
      durationMinutes: 45,
      ratePence: 3000,
      holidayPayBasisPoints: 1207,
    },
  ],
  paidMissedSessionsPerEpisode: 2,
  adsmThresholds: {
    SPIN: { caseness: 19, reliableChange: 10 },
    XYZ: { caseness: 1, reliableChange: 0 },
  },
};

describe('serviceConfigFromWire', () => {
  it('gives the docs/domain.md defaults when nothing is synced yet', () => {
    expect(serviceConfigFromWire(undefined)).toBe(defaultServiceConfig);
  });

  it('maps days and weeks to hours, the 60-minute treatment rate to the hourly rate, known ADSMs', () => {
    const config = serviceConfigFromWire({
      ...wire,
      deadlines: { ...wire.deadlines, contactGapDays: 5, caseReviewWeeks: 2 },
    });
    expect(config.deadlines).toMatchObject({ contactGapHours: 120, caseReviewHours: 336 });
    expect(config.pay.rates).toEqual([
      { step: 3, effectiveFrom: '2026-04-01', hourlyRatePence: 4000, holidayPayBasisPoints: 1207 },
    ]);
    expect(config.measures.adsm).toEqual([
      {
        id: 'spin',
        name: 'SPIN (social anxiety)',
        maxScore: 68,
        problemDescriptors: ['Social anxiety disorder'],
        caseness: 19,
        reliableChange: 10,
      },
    ]);
  });

  it('keeps the default lengths, missed-session pay and rates where the server sends none', () => {
    const config = serviceConfigFromWire({ ...wire, payRates: [] });
    expect(config.sessions.lengths).toEqual(defaultServiceConfig.sessions.lengths);
    expect(config.pay.halfRateOutcomes).toEqual({
      step2: ['dna'],
      step3: ['dna', 'late_cancellation'],
    });
    expect(config.pay.rates).toEqual(defaultServiceConfig.pay.rates);
  });

  it('takes configured lengths and missed-session pay per step', () => {
    const config = serviceConfigFromWire({
      ...wire,
      sessionLengths: {
        step2: { assessment: [60], treatment: [45, 30] },
        step3: { assessment: [60], treatment: [60] },
      },
      halfRateOutcomes: { step2: ['dna', 'late_cancellation'], step3: ['dna'] },
    });
    expect(config.sessions.lengths.step2.treatment).toEqual([45, 30]);
    expect(config.pay.halfRateOutcomes).toEqual({
      step2: ['dna', 'late_cancellation'],
      step3: ['dna'],
    });
  });

  it('takes urgent-risk cover, the risk ticket and step 3 review settings and the agency minimum', () => {
    const config = serviceConfigFromWire({
      ...wire,
      deadlines: { ...wire.deadlines, riskTicketHours: 12, step3ReviewAfterSessions: 6 },
      caseloadCaps: { ...wire.caseloadCaps, agencyMinimumCaseload: 8 },
      urgentRisk: {
        officeHours: [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:00' }],
        officeNumber: '0113 496 0123',
        onCallHours: [],
        onCallNumber: null,
        outsideHours: 'call 999 in an emergency.',
      },
    });
    expect(config.deadlines.riskTicketHours).toBe(12);
    expect(config.sessions.step3ReviewAfterSessions).toBe(6);
    expect(config.caseloadByContract.agencyMinimum).toBe(8);
    expect(config.urgentRisk).toEqual({
      officeHours: [{ days: [1, 2, 3, 4, 5], from: '08:30', to: '17:00' }],
      officeNumber: '0113 496 0123',
      onCallHours: [],
      onCallNumber: null,
      outsideHours: 'call 999 in an emergency.',
    });
    const defaults = serviceConfigFromWire(wire);
    expect(defaults.deadlines.riskTicketHours).toBe(24);
    expect(defaults.sessions.step3ReviewAfterSessions).toBe(4);
    expect(defaults.caseloadByContract.agencyMinimum).toBe(10);
    expect(defaults.urgentRisk).toEqual(defaultServiceConfig.urgentRisk);
  });
});
