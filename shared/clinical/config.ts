import { z } from 'zod';
import { LONDON } from './time';
import { DEFAULT_NOTE_TEMPLATES } from './note-templates';
import { UrgentRiskSchema } from './urgent-risk';

const hours = z.number().nonnegative();
const count = z.int().nonnegative();
/** A calendar date in the service zone, "2026-04-01". */
const isoDate = z.iso.date();

/** A disorder-specific anxiety measure that replaces GAD-7 in outcomes for some problems. */
export const AdsmSchema = z.object({
  /** Stable id used in measure records, e.g. "spin". */
  id: z.string().min(1),
  name: z.string().min(1),
  maxScore: z.int().positive(),
  /** Caseness is score >= caseness. */
  caseness: z.int().nonnegative(),
  reliableChange: z.int().positive(),
  /** Problem descriptors (episode.problemDescriptor) for which this measure replaces GAD-7. */
  problemDescriptors: z.array(z.string().min(1)),
});
export type Adsm = z.infer<typeof AdsmSchema>;

export const PayRateSchema = z.object({
  step: z.union([z.literal(2), z.literal(3)]),
  /** First local date (service zone) on which this rate applies. */
  effectiveFrom: isoDate,
  /** Session pay is this hourly rate pro rata to the session length. */
  hourlyRatePence: z.int().nonnegative(),
  /** Holiday pay in basis points of the session pay: 12.07 % = 1207. */
  holidayPayBasisPoints: z.int().nonnegative(),
});
export type PayRate = z.infer<typeof PayRateSchema>;

const minutes = z.array(z.int().positive()).min(1);
const lengthsOfStep = z.object({ assessment: minutes, treatment: minutes });
/** Which missed sessions are paid at half rate (and use up one of the episode's paid slots). */
const halfRateOutcomes = z.array(z.enum(['dna', 'late_cancellation']));

export const ServiceConfigSchema = z.object({
  /** Zone of the service: sentences, statement months, effective dates. */
  serviceZone: z.string().min(1),
  deadlines: z.object({
    messageReplyHours: hours,
    contactGapHours: hours,
    /** Session notes, assessment letters and discharge letters. */
    clinicalNoteHours: hours,
    newPatientTicketHours: hours,
    caseReviewHours: hours,
    /** An open deadline is "due soon" when it is due within this many hours. */
    dueSoonHours: hours,
    /** A non-urgent risk ticket after a PHQ-9 item 9 above 0. */
    riskTicketHours: hours,
    /** Step 3 review with no further session booked: within this many hours of the session. */
    step3ReviewHours: hours,
  }),
  sessions: z.object({
    /** Cancelled by the patient less than this many hours before the start = late. */
    lateCancellationHours: hours,
    /** Step 2 treatment sessions allowed before a session extension is needed. */
    step2TreatmentSessionLimit: count,
    /** "Finished treatment" needs at least this many attended treatment sessions. */
    finishedTreatmentMinSessions: count,
    /** Step 3: a case-management review after this many attended treatment sessions. */
    step3ReviewAfterSessions: z.int().positive(),
    /** Session lengths (minutes) the service books, per step and kind; others are refused. */
    lengths: z.object({ step2: lengthsOfStep, step3: lengthsOfStep }),
  }),
  caseload: z.object({
    step2InitialPeriodHours: hours,
    step2InitialCap: count,
    step2Minimum: count,
    step3ValidationCap: count,
    step3ValidationMinimum: count,
  }),
  measures: z.object({
    phq9: z.object({ caseness: count, reliableChange: z.int().positive() }),
    gad7: z.object({ caseness: count, reliableChange: z.int().positive() }),
    adsm: z.array(AdsmSchema),
  }),
  /** Who handles urgent risk, when, and on which numbers. */
  urgentRisk: UrgentRiskSchema,
  /**
   * Cached data older than this (hours since the last complete download of the caseload,
   * messages and measures) is flagged on every screen that shows risk.
   */
  cache: z.object({ staleDataWarningHours: z.number().positive() }),
  supervision: z.object({
    /** A CTS-R total at or above this is competent (of 72). */
    ctsrCompetenceThreshold: z.int().min(0).max(72),
  }),
  caseloadByContract: z.object({
    /** Minimum caseload of an agency therapist once established (any step). */
    agencyMinimum: count,
  }),
  /** The templates notes and letters start from (note-templates.ts). */
  noteTemplates: z.object({
    assessment: z.string().min(1),
    treatmentSession: z.string().min(1),
    assessmentLetter: z.string().min(1),
    dischargeLetter: z.string().min(1),
  }),
  pay: z.object({
    rates: z.array(PayRateSchema),
    /** Missed sessions paid at half rate, at most this many per episode of care. */
    halfRateEventsPerEpisode: count,
    /** Per step, which missed sessions are paid at half rate; the others are unpaid and use no slot. */
    halfRateOutcomes: z.object({ step2: halfRateOutcomes, step3: halfRateOutcomes }),
  }),
});
export type ServiceConfig = z.infer<typeof ServiceConfigSchema>;

/** The numbers of docs/domain.md. Where docs/domain.md is silent, see README "Assumptions". */
export const defaultServiceConfig: ServiceConfig = ServiceConfigSchema.parse({
  serviceZone: LONDON,
  deadlines: {
    messageReplyHours: 48,
    contactGapHours: 7 * 24,
    clinicalNoteHours: 48,
    newPatientTicketHours: 48,
    caseReviewHours: 28 * 24,
    dueSoonHours: 24,
    riskTicketHours: 24,
    step3ReviewHours: 14 * 24,
  },
  sessions: {
    lateCancellationHours: 48,
    step2TreatmentSessionLimit: 4,
    finishedTreatmentMinSessions: 2,
    step3ReviewAfterSessions: 4,
    lengths: {
      step2: { assessment: [60], treatment: [45] },
      step3: { assessment: [60], treatment: [60, 45, 30] },
    },
  },
  caseload: {
    step2InitialPeriodHours: 14 * 24,
    step2InitialCap: 15,
    step2Minimum: 15,
    step3ValidationCap: 10,
    step3ValidationMinimum: 5,
  },
  measures: {
    phq9: { caseness: 10, reliableChange: 6 },
    gad7: { caseness: 8, reliableChange: 4 },
    // The service's guidance: ADSM thresholds "come from configuration"; none is invented.
    adsm: [],
  },
  // The service's guidance: "the same day in office hours; an on-call supervisor out of
  // hours (roughly 08:00/17:30–20:00)". Office hours are not given: 09:00–17:30 on weekdays
  // is assumed. The service configures its numbers; none are invented here.
  urgentRisk: {
    officeHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:30' }],
    officeNumber: null,
    onCallHours: [
      { days: [1, 2, 3, 4, 5], from: '17:30', to: '20:00' },
      { days: [6, 7], from: '08:00', to: '20:00' },
    ],
    onCallNumber: null,
    outsideHours:
      'if the patient is in immediate danger call 999; otherwise ask them to call NHS 111 (mental health option) or their local crisis line, and record what you did.',
  },
  // Not in the service's guidance: a day without a complete sync is worth a warning where
  // risk is shown (docs/domain.md).
  cache: { staleDataWarningHours: 24 },
  // docs/domain.md: "competence threshold 36".
  supervision: { ctsrCompetenceThreshold: 36 },
  caseloadByContract: { agencyMinimum: 10 },
  // Not in the service's guidance: a structure for each note and letter (note-templates.ts).
  noteTemplates: DEFAULT_NOTE_TEMPLATES,
  pay: {
    rates: [
      { step: 3, effectiveFrom: '2000-01-01', hourlyRatePence: 4000, holidayPayBasisPoints: 1207 },
      { step: 2, effectiveFrom: '2000-01-01', hourlyRatePence: 2500, holidayPayBasisPoints: 0 },
    ],
    halfRateEventsPerEpisode: 2,
    // docs/domain.md: step 3 pays DNAs and late cancellations at half rate; the PWP FAQ says nothing
    // of late cancellations, so at step 2 only DNAs are paid (README, "Assumptions").
    halfRateOutcomes: { step2: ['dna'], step3: ['dna', 'late_cancellation'] },
  },
});
