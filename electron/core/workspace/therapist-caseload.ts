import type { UserProfile } from '../../../shared/api';
import { caseloadStatus, type ServiceConfig } from '../../../shared/clinical';

/** A therapist's caseload against the service's cap and minimum (shared/clinical caseloadStatus). */
export function caseloadStatusOf(
  profile: UserProfile,
  activePatients: number,
  config: ServiceConfig,
  nowIso: string,
): ReturnType<typeof caseloadStatus> | null {
  if (!profile.step) return null;
  return caseloadStatus(
    {
      role: profile.step === 2 ? 'step2' : 'step3',
      startedAt: `${profile.serviceStartDate}T00:00:00Z`,
      ...(profile.validationEndsOn && profile.validationEndsOn <= nowIso.slice(0, 10)
        ? { validationEndedAt: `${profile.validationEndsOn}T00:00:00Z` }
        : {}),
      ...(profile.desiredCaseload !== null ? { desiredCaseload: profile.desiredCaseload } : {}),
      contract: profile.contractType ?? 'employed',
      activePatients,
    },
    config,
    nowIso,
  );
}
