import type { CaseloadContext } from './caseload';

const DAY = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A patient's supervision tickets, following the service's rules: a new-patient ticket once
 * assessed; a session extension approved before a fifth step 2 session; a non-urgent risk
 * ticket after a PHQ-9 item 9 above 0; a non-recovered discharge ticket at such a discharge.
 */
export const writeTickets = async (
  ctx: CaseloadContext,
  p: {
    patientId: string;
    therapistId: string;
    step: number;
    treatments: number;
    risk: boolean;
    openedMs: number;
    nonRecoveredDischargeMs: number | null;
  },
) => {
  const { prng, out } = ctx;
  const ticket = async (
    type: string,
    body: string,
    open: boolean,
    raisedMs: number,
    decided?: 'approve',
  ) => {
    const decision = open
      ? null
      : (decided ??
        prng.weighted([
          ['approve', 70],
          ['advice', 20],
          ['decline', 10],
        ] as const));
    await out.add('tickets', {
      id: prng.uuid(),
      patient_id: p.patientId,
      therapist_id: p.therapistId,
      type,
      body,
      state: decision
        ? { approve: 'approved', advice: 'advised', decline: 'declined' }[decision]
        : 'open',
      raised_at: iso(raisedMs),
      decided_by: decision ? prng.pick(ctx.supervisorIds) : null,
      decision,
      decision_comment: decision ? 'Discussed in case management.' : null,
      decided_at: decision ? iso(raisedMs + 2 * DAY) : null,
    });
  };
  const afterAssessment = p.openedMs + 8 * DAY;
  // No assessment yet (p.treatments < 0): no new-patient ticket yet either.
  if (p.treatments >= 0)
    await ticket(
      'new_patient',
      'Assessment completed; proposed treatment plan attached.',
      p.treatments === 0 && prng.chance(0.6),
      afterAssessment,
    );
  if (p.treatments >= 2 && prng.chance(0.3))
    await ticket(
      'four_weekly_review',
      'Four-weekly review: progress and plan.',
      true,
      ctx.now - prng.int(1, 6) * DAY,
    );
  if (p.risk)
    await ticket(
      'non_urgent_risk',
      'PHQ-9 item 9 scored above 0; safety plan reviewed.',
      prng.chance(0.5),
      ctx.now - prng.int(1, 10) * DAY,
    );
  // Step 2: a fifth session is booked only once an extension was approved (between the
  // fourth, about 63 days after the episode opened, and the fifth, about 77).
  if (p.step === 2 && p.treatments > 4)
    await ticket(
      'session_extension_request',
      'Requesting a fifth treatment session.',
      false,
      p.openedMs + 64 * DAY,
      'approve',
    );
  else if (p.step === 2 && p.treatments === 4)
    await ticket(
      'session_extension_request',
      'Requesting a fifth treatment session.',
      prng.chance(0.7),
      ctx.now - prng.int(1, 5) * DAY,
    );
  if (p.nonRecoveredDischargeMs !== null)
    await ticket(
      'non_recovered_discharge',
      'Discharging without recovery: plan and signposting agreed.',
      false,
      p.nonRecoveredDischargeMs - DAY,
    );
};
