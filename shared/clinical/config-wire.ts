import type { ServiceConfig } from './config';
import { defaultServiceConfig } from './config';
import type { NoteTemplateId } from './note-templates';

/**
 * The service configuration as the API carries it (shared/api's `serviceConfig` entity),
 * described here by shape only: shared/clinical imports nothing of ours. The optional groups
 * are newer than some servers; where one is absent the docs/domain.md default applies.
 */
type MissedOutcome = 'dna' | 'late_cancellation';
interface StepLengths {
  readonly assessment: readonly number[];
  readonly treatment: readonly number[];
}
export interface WireServiceConfig {
  readonly deadlines: {
    readonly messageReplyHours: number;
    readonly contactGapDays: number;
    readonly clinicalNoteHours: number;
    readonly caseReviewWeeks: number;
    readonly lateCancellationHours: number;
    readonly step2TreatmentSessionsBeforeExtension: number;
    readonly riskTicketHours?: number | undefined;
    readonly step3ReviewAfterSessions?: number | undefined;
  };
  readonly caseloadCaps: {
    readonly newPwpCap: number;
    readonly newPwpCapWeeks: number;
    readonly pwpMinimumCaseload: number;
    readonly step3ValidationCap: number;
    readonly step3ValidationMinimum: number;
    readonly agencyMinimumCaseload?: number | undefined;
  };
  readonly payRates: readonly {
    readonly effectiveFrom: string;
    readonly step: 2 | 3;
    readonly appointmentKind: 'assessment' | 'treatment';
    readonly durationMinutes: number;
    readonly ratePence: number;
    readonly holidayPayBasisPoints: number;
  }[];
  readonly paidMissedSessionsPerEpisode: number;
  readonly adsmThresholds: Readonly<
    Record<string, { readonly caseness: number; readonly reliableChange: number }>
  >;
  readonly sessionLengths?:
    { readonly step2: StepLengths; readonly step3: StepLengths } | undefined;
  readonly halfRateOutcomes?:
    | { readonly step2: readonly MissedOutcome[]; readonly step3: readonly MissedOutcome[] }
    | undefined;
  readonly staleDataWarningHours?: number | undefined;
  readonly noteTemplates?: Partial<Readonly<Record<NoteTemplateId, string>>> | undefined;
  readonly ctsrCompetenceThreshold?: number | undefined;
  readonly urgentRisk?:
    | {
        readonly officeHours: readonly WireHours[];
        readonly officeNumber: string | null;
        readonly onCallHours: readonly WireHours[];
        readonly onCallNumber: string | null;
        readonly outsideHours: string;
      }
    | undefined;
}
interface WireHours {
  readonly days: readonly number[];
  readonly from: string;
  readonly to: string;
}
const copyHours = (hours: readonly WireHours[]) =>
  hours.map((h) => ({ days: [...h.days], from: h.from, to: h.to }));

/**
 * The disorder-specific measures the API names, with what the service configuration does
 * not carry: the instrument's range and the problem descriptors it replaces GAD-7 for.
 * Caseness and reliable change always come from the synced configuration.
 */
const adsmInstruments: Readonly<
  Record<string, { name: string; maxScore: number; problemDescriptors: string[] }>
> = {
  SPIN: {
    name: 'SPIN (social anxiety)',
    maxScore: 68,
    problemDescriptors: ['Social anxiety disorder'],
  },
  PDSS: { name: 'PDSS (panic)', maxScore: 28, problemDescriptors: ['Panic disorder'] },
  OCI: { name: 'OCI-R (OCD)', maxScore: 72, problemDescriptors: ['Obsessive-compulsive disorder'] },
  PCL5: {
    name: 'PCL-5 (PTSD)',
    maxScore: 80,
    problemDescriptors: ['Post-traumatic stress disorder'],
  },
  HAI: { name: 'HAI (health anxiety)', maxScore: 54, problemDescriptors: ['Health anxiety'] },
};

const copyLengths = (l: StepLengths) => ({
  assessment: [...l.assessment],
  treatment: [...l.treatment],
});

/**
 * The synced service configuration over the defaults of docs/domain.md: the one mapping the
 * client (deadlines, pay) and the server (refusing a contradicting outcome) both use.
 * Hourly rates are the 60-minute treatment rates (shorter sessions are paid pro rata).
 */
export function serviceConfigFromWire(api: WireServiceConfig | undefined): ServiceConfig {
  const d = defaultServiceConfig;
  if (!api) return d;
  const rates = api.payRates
    .filter((r) => r.appointmentKind === 'treatment' && r.durationMinutes === 60)
    .map((r) => ({
      step: r.step,
      effectiveFrom: r.effectiveFrom,
      hourlyRatePence: r.ratePence,
      holidayPayBasisPoints: r.holidayPayBasisPoints,
    }));
  const lengths = api.sessionLengths;
  const halfRate = api.halfRateOutcomes;
  return {
    ...d,
    deadlines: {
      ...d.deadlines,
      messageReplyHours: api.deadlines.messageReplyHours,
      contactGapHours: api.deadlines.contactGapDays * 24,
      clinicalNoteHours: api.deadlines.clinicalNoteHours,
      caseReviewHours: api.deadlines.caseReviewWeeks * 7 * 24,
      riskTicketHours: api.deadlines.riskTicketHours ?? d.deadlines.riskTicketHours,
    },
    sessions: {
      ...d.sessions,
      lateCancellationHours: api.deadlines.lateCancellationHours,
      step2TreatmentSessionLimit: api.deadlines.step2TreatmentSessionsBeforeExtension,
      step3ReviewAfterSessions:
        api.deadlines.step3ReviewAfterSessions ?? d.sessions.step3ReviewAfterSessions,
      lengths: lengths
        ? { step2: copyLengths(lengths.step2), step3: copyLengths(lengths.step3) }
        : d.sessions.lengths,
    },
    caseload: {
      ...d.caseload,
      step2InitialPeriodHours: api.caseloadCaps.newPwpCapWeeks * 7 * 24,
      step2InitialCap: api.caseloadCaps.newPwpCap,
      step2Minimum: api.caseloadCaps.pwpMinimumCaseload,
      step3ValidationCap: api.caseloadCaps.step3ValidationCap,
      step3ValidationMinimum: api.caseloadCaps.step3ValidationMinimum,
    },
    measures: {
      ...d.measures,
      adsm: Object.entries(api.adsmThresholds).flatMap(([kind, t]) => {
        const instrument = adsmInstruments[kind];
        return instrument
          ? [
              {
                id: kind.toLowerCase(),
                ...instrument,
                caseness: Math.round(t.caseness),
                reliableChange: Math.max(1, Math.round(t.reliableChange)),
              },
            ]
          : [];
      }),
    },
    urgentRisk: api.urgentRisk
      ? {
          ...api.urgentRisk,
          officeHours: copyHours(api.urgentRisk.officeHours),
          onCallHours: copyHours(api.urgentRisk.onCallHours),
        }
      : d.urgentRisk,
    cache: { staleDataWarningHours: api.staleDataWarningHours ?? d.cache.staleDataWarningHours },
    supervision: {
      ctsrCompetenceThreshold: api.ctsrCompetenceThreshold ?? d.supervision.ctsrCompetenceThreshold,
    },
    caseloadByContract: {
      agencyMinimum: api.caseloadCaps.agencyMinimumCaseload ?? d.caseloadByContract.agencyMinimum,
    },
    // Each template the service configures replaces that default; the others stay.
    noteTemplates: {
      assessment: api.noteTemplates?.assessment ?? d.noteTemplates.assessment,
      treatmentSession: api.noteTemplates?.treatmentSession ?? d.noteTemplates.treatmentSession,
      assessmentLetter: api.noteTemplates?.assessmentLetter ?? d.noteTemplates.assessmentLetter,
      dischargeLetter: api.noteTemplates?.dischargeLetter ?? d.noteTemplates.dischargeLetter,
    },
    pay: {
      rates: rates.length > 0 ? rates : d.pay.rates,
      halfRateEventsPerEpisode: api.paidMissedSessionsPerEpisode,
      halfRateOutcomes: halfRate
        ? { step2: [...halfRate.step2], step3: [...halfRate.step3] }
        : d.pay.halfRateOutcomes,
    },
  };
}
