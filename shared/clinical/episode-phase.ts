/**
 * Where an episode of care stands, as the facts show it. The stored status can lag the facts
 * (an assessment recorded as attended offline, or a service that never moved the status on):
 * an episode "awaiting assessment" whose assessment was attended is assessed.
 */
export type EpisodeStatus =
  | 'awaiting_assessment'
  | 'in_treatment'
  | 'discharged_recovered'
  | 'discharged_non_recovered'
  | 'referred_back'
  | 'stepped_up'
  | 'stepped_down';

const WORDS: Record<EpisodeStatus, string> = {
  awaiting_assessment: 'awaiting assessment',
  in_treatment: 'assessed, in treatment',
  discharged_recovered: 'discharged, recovered',
  discharged_non_recovered: 'discharged, not recovered',
  referred_back: 'referred back to the service',
  stepped_up: 'stepped up',
  stepped_down: 'stepped down',
};

export function episodePhase(
  status: EpisodeStatus,
  appointments: readonly { kind: 'assessment' | 'treatment'; outcome: string | null | undefined }[],
): { status: EpisodeStatus; words: string } {
  const assessed = appointments.some((a) => a.kind === 'assessment' && a.outcome === 'attended');
  const phase = status === 'awaiting_assessment' && assessed ? 'in_treatment' : status;
  return { status: phase, words: WORDS[phase] };
}
