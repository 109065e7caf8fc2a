import type { CaseloadContext, SeedSlot } from './caseload';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A patient's supervision tickets, raised in time as the service's rules ask: a new-patient
 * ticket the day after the assessment; a four-weekly review every four weeks of treatment
 * (the last one `lastReviewAgoDays` ago, by default within the last three weeks), including
 * the step 3 review after the fourth treatment session; a session extension request before
 * a fifth step 2 session; a non-urgent risk ticket within hours of a PHQ-9 item 9 above 0; a
 * non-recovered discharge ticket at such a discharge. Decided a day or two after, unless recent.
 */
export const writeTickets = async (
  ctx: CaseloadContext,
  p: {
    patientId: string;
    therapistId: string;
    step: number;
    openedMs: number;
    slots: readonly SeedSlot[];
    /** The booked next session, if any. */
    nextMs: number | null;
    /** When a PHQ-9 with item 9 above 0 was taken. */
    riskMs: number | null;
    /** When the episode ended (a discharge), or null while it is open. */
    endMs: number | null;
    lastReviewAgoDays: number | undefined;
    nonRecoveredDischargeMs: number | null;
  },
) => {
  const { prng, out, now, calendar } = ctx;
  const ticket = async (
    type: string,
    body: string,
    raisedMs: number,
    decision: 'approve' | 'advice' | 'decline' | 'random' | null,
  ) => {
    // Decided at work a day to three after (in case management, or between sessions).
    const decidedMs =
      calendar.officeAfter(prng, raisedMs + 20 * HOUR, raisedMs + 72 * HOUR) ??
      raisedMs + 20 * HOUR;
    // Nothing is decided in the future: a recent ticket is still open.
    const decided =
      decision === null || decidedMs > now
        ? null
        : decision === 'random'
          ? prng.weighted([
              ['approve', 70],
              ['advice', 20],
              ['decline', 10],
            ] as const)
          : decision;
    await out.add('tickets', {
      id: prng.uuid(),
      patient_id: p.patientId,
      therapist_id: p.therapistId,
      type,
      body,
      state: decided
        ? { approve: 'approved', advice: 'advised', decline: 'declined' }[decided]
        : 'open',
      raised_at: iso(raisedMs),
      decided_by: decided ? prng.pick(ctx.supervisorIds) : null,
      decision: decided,
      decision_comment: decided ? prng.pick(DECISION_COMMENTS) : null,
      decided_at: decided ? iso(decidedMs) : null,
    });
  };
  // Raised at work, `minHours`–`maxHours` after `fromMs` (the next working day's when those
  // hours hold no office time), and before now; when now comes first (seeded before the next
  // morning), sooner, in that day's office time left after `fromMs`.
  const soon = (fromMs: number, minHours: number, maxHours: number) => {
    const capMs = now - 15 * 60_000;
    return (
      calendar.officeAfter(prng, fromMs + minHours * HOUR, fromMs + maxHours * HOUR, capMs) ??
      calendar.officeBetween(prng, fromMs, Math.min(fromMs + minHours * HOUR, capMs)) ??
      Math.min(fromMs + minHours * HOUR, capMs)
    );
  };

  const assessment = p.slots[0];
  if (assessment) {
    const justAssessed = p.slots.length === 1;
    await ticket(
      'new_patient',
      'Assessment completed; proposed treatment plan attached.',
      soon(assessment.startMs + HOUR, 2, 30),
      justAssessed && prng.chance(0.6) ? null : 'random',
    );
  }

  // Four-weekly reviews of an assessed patient, backwards from the last: within 28 days each
  // time, the first a few days after the episode opened.
  const treated = p.slots.filter((s) => s.kind === 'treatment');
  const reviews: number[] = [];
  if (assessment) {
    const endMs = p.endMs ?? now;
    // Case management meets in office hours.
    const inOfficeHours = (ms: number) => calendar.officeOn(prng, ms, 'back');
    let at = inOfficeHours(endMs - (p.lastReviewAgoDays ?? prng.int(2, 20)) * DAY);
    if (at > now) at = calendar.officeBefore(prng, now - 15 * 60_000);
    while (at > p.openedMs + 3 * DAY) {
      reviews.push(at);
      at = inOfficeHours(at - (28 - prng.int(2, 6)) * DAY);
    }
    // Step 3: a case-management review after the fourth attended treatment session, before the next.
    const attended = treated.filter((s) => s.outcome === 'attended');
    const fourth = p.step === 3 ? attended[3] : undefined;
    if (fourth) {
      const nextMs =
        treated.find((s) => s.startMs > fourth.startMs && s.outcome === 'attended')?.startMs ??
        p.nextMs ??
        Infinity;
      // While the next session is still ahead, the review is live work (due before it).
      if (nextMs <= now && !reviews.some((r) => r >= fourth.startMs && r < nextMs)) {
        const at4 = soon(fourth.startMs + HOUR, 2, 72);
        if (at4 >= fourth.startMs && at4 < nextMs) reviews.push(at4);
      }
    }
  }
  for (const at of reviews.sort((a, b) => a - b))
    await ticket(
      'four_weekly_review',
      prng.pick(REVIEW_BODIES),
      at,
      prng.weighted([
        ['advice', 6],
        ['approve', 3],
        ['random', 1],
      ] as const),
    );

  if (p.riskMs !== null)
    await ticket(
      'non_urgent_risk',
      'PHQ-9 item 9 scored above 0; safety plan reviewed.',
      soon(p.riskMs + HOUR, 1, 20),
      prng.chance(0.2) ? null : 'random',
    );

  // Step 2: a session extension requested before the fourth treatment session (attended or
  // booked), approved when a fifth followed.
  if (p.step === 2) {
    const counted = [
      ...treated.filter((s) => s.outcome === 'attended').map((s) => s.startMs),
      ...(p.nextMs !== null && p.slots.length > 0 ? [p.nextMs] : []),
    ];
    const fourthMs = counted[3];
    if (fourthMs !== undefined) {
      const raisedMs = calendar.officeOn(prng, fourthMs - prng.int(1, 4) * DAY, 'back');
      if (raisedMs < now - HOUR)
        await ticket(
          'session_extension_request',
          'Requesting a fifth treatment session.',
          raisedMs,
          counted.length > 4 ? 'approve' : prng.chance(0.5) ? null : 'approve',
        );
    }
  }
  if (p.nonRecoveredDischargeMs !== null)
    await ticket(
      'non_recovered_discharge',
      'Discharging without recovery: plan and signposting agreed.',
      calendar.officeOn(prng, p.nonRecoveredDischargeMs - DAY, 'back'),
      'random',
    );
};

const REVIEW_BODIES = [
  'Four-weekly review: progress and plan.',
  'Four-weekly review: scores improving, homework mostly done; continue the current plan.',
  'Four-weekly review: little change in PHQ-9; discuss a change of focus.',
  'Four-weekly review: engagement patchy (one missed session); propose a reminder plan.',
  'Four-weekly review: approaching the end of treatment; discuss relapse prevention.',
] as const;

const DECISION_COMMENTS = [
  'Discussed in case management.',
  'Agreed. Review again in four weeks.',
  'Agreed; keep an eye on the sleep diary.',
  'Consider a behavioural experiment before the next review.',
  'Fine to continue; check the risk plan is up to date.',
] as const;
