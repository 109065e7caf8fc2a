import type { ServiceConfig } from './config';
import type { Step } from './facts';

export type SessionLengthCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly allowed: readonly number[] };

const KIND: Record<'assessment' | 'treatment', string> = {
  assessment: 'assessments',
  treatment: 'treatment sessions',
};

function minutesList(allowed: readonly number[]): string {
  const words = allowed.map((m) => `${m}`);
  const last = words.pop();
  return words.length === 0 ? `${last}` : `${words.join(', ')} or ${last}`;
}

/**
 * The session lengths the service allows (docs/domain.md: step 3 sessions 60, 45 or 30 minutes;
 * step 2 assessments 60 and treatment sessions 45), from configuration. Another length is
 * refused with the lengths that are allowed.
 */
export function sessionLengthRule(
  step: Step,
  kind: 'assessment' | 'treatment',
  minutes: number,
  config: ServiceConfig,
): SessionLengthCheck {
  const allowed = config.sessions.lengths[step === 2 ? 'step2' : 'step3'][kind];
  if (allowed.includes(minutes)) return { ok: true };
  return {
    ok: false,
    allowed,
    reason: `Step ${step} ${KIND[kind]} are ${minutesList(allowed)} minutes; this one is booked for ${minutes}.`,
  };
}
