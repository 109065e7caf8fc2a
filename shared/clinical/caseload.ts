import { z } from 'zod';
import type { ServiceConfig } from './config';
import type { Instant } from './time';
import { hoursToMillis, instantToMillis, InstantSchema } from './time';

export const TherapistCaseloadSchema = z.object({
  role: z.enum(['step2', 'step3']),
  /** When the therapist started with the service (starts the step 2 initial period). */
  startedAt: InstantSchema,
  /** Step 3: end of the validation period; absent = still validating. */
  validationEndedAt: InstantSchema.optional(),
  /** The therapist's own cap: allocation stops here. */
  desiredCaseload: z.int().nonnegative().optional(),
  /** Step 2: a lower minimum agreed with the supervisor. */
  agreedMinimum: z.int().nonnegative().optional(),
  /** Employed (default) or agency: an agency therapist's minimum caseload is the agency one. */
  contract: z.enum(['employed', 'agency']).optional(),
  /** Patients in open episodes. */
  activePatients: z.int().nonnegative(),
});
export type TherapistCaseload = z.infer<typeof TherapistCaseloadSchema>;

export type CaseloadPeriod =
  'step2_initial' | 'step2_established' | 'step3_validation' | 'step3_validated';

export type CaseloadWarningCode =
  'over_cap' | 'over_desired' | 'below_minimum' | 'desired_above_cap' | 'desired_below_minimum';

export interface CaseloadWarning {
  code: CaseloadWarningCode;
  message: string;
}

export interface CaseloadStatus {
  period: CaseloadPeriod;
  /** Service cap for the period; null = none (the therapist's desired caseload applies). */
  cap: number | null;
  /** Minimum expected (step 2) or requested (step 3 validation); null = none. */
  minimum: number | null;
  /** Where allocation stops: the lower of cap and desired caseload; null = no limit. */
  allocationLimit: number | null;
  allocationOpen: boolean;
  /** Patients that may still be allocated; null = no limit. */
  openSlots: number | null;
  warnings: CaseloadWarning[];
}

function periodOf(t: TherapistCaseload, config: ServiceConfig, nowMs: number): CaseloadPeriod {
  if (t.role === 'step2') {
    const initialEndsMs =
      instantToMillis(t.startedAt) + hoursToMillis(config.caseload.step2InitialPeriodHours);
    return nowMs < initialEndsMs ? 'step2_initial' : 'step2_established';
  }
  const validated =
    t.validationEndedAt !== undefined && instantToMillis(t.validationEndedAt) <= nowMs;
  return validated ? 'step3_validated' : 'step3_validation';
}

/** Once established, an agency therapist's minimum is the agency one (docs/domain.md: 10). */
function contractMinimum(t: TherapistCaseload, config: ServiceConfig): number {
  return t.contract === 'agency'
    ? config.caseloadByContract.agencyMinimum
    : config.caseload.step2Minimum;
}

function limits(
  period: CaseloadPeriod,
  t: TherapistCaseload,
  config: ServiceConfig,
): { cap: number | null; minimum: number | null } {
  switch (period) {
    case 'step2_initial':
      return { cap: config.caseload.step2InitialCap, minimum: null };
    case 'step2_established':
      return { cap: null, minimum: t.agreedMinimum ?? contractMinimum(t, config) };
    case 'step3_validation':
      return {
        cap: config.caseload.step3ValidationCap,
        minimum: config.caseload.step3ValidationMinimum,
      };
    case 'step3_validated':
      return { cap: null, minimum: t.contract === 'agency' ? contractMinimum(t, config) : null };
  }
}

/**
 * Caps and minimums per role and period, as warnings (never exceptions): a caseload over a
 * cap is a fact to show, not an error to throw.
 */
export function caseloadStatus(
  therapist: TherapistCaseload,
  config: ServiceConfig,
  now: Instant,
): CaseloadStatus {
  const period = periodOf(therapist, config, instantToMillis(now));
  const { cap, minimum } = limits(period, therapist, config);
  const desired = therapist.desiredCaseload;
  const load = therapist.activePatients;
  const warnings: CaseloadWarning[] = [];
  const warn = (code: CaseloadWarningCode, message: string): void => {
    warnings.push({ code, message });
  };
  if (cap !== null && load > cap) warn('over_cap', `${load} patients, over the cap of ${cap}`);
  if (desired !== undefined && load > desired) {
    warn('over_desired', `${load} patients, over the desired caseload of ${desired}`);
  }
  if (minimum !== null && load < minimum) {
    warn('below_minimum', `${load} patients, below the minimum of ${minimum}`);
  }
  if (cap !== null && desired !== undefined && desired > cap) {
    warn('desired_above_cap', `desired caseload ${desired} is above the cap of ${cap}`);
  }
  if (minimum !== null && desired !== undefined && desired < minimum) {
    warn('desired_below_minimum', `desired caseload ${desired} is below the minimum of ${minimum}`);
  }
  const candidates = [cap, desired ?? null].filter((n): n is number => n !== null);
  const allocationLimit = candidates.length === 0 ? null : Math.min(...candidates);
  return {
    period,
    cap,
    minimum,
    allocationLimit,
    allocationOpen: allocationLimit === null || load < allocationLimit,
    openSlots: allocationLimit === null ? null : Math.max(0, allocationLimit - load),
    warnings,
  };
}
