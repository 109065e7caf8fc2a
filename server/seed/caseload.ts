import type { BulkWriter } from './bulk';
import type { SeedCalendar } from './calendar';
import { ADSM_MAX, TRAJECTORIES, itemsFor, scoreAt } from './measures';
import type { SeedUser } from './organisation';
import type { Prng } from './prng';
import { writeTickets } from './tickets';
import { type PatientPlan, isLive } from './day';
import {
  ASSESSMENT_LETTERS,
  ASSESSMENT_NOTES,
  CHECK_INS,
  DISCHARGE_LETTERS,
  DNA_NOTES,
  EXCHANGES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  INBOUND_MESSAGES,
  PROBLEM_DESCRIPTORS,
  SESSION_NOTES,
} from './vocabulary';
import { type PatientStory, sessionTalk, storyFor } from './session-talk';

export interface CaseloadShape {
  /** Attended treatment sessions per patient (min, max), plus the assessment. */
  treatmentSessions: readonly [number, number];
  utterances: readonly [number, number];
  messages: readonly [number, number];
  dischargedShare: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Ctx {
  out: BulkWriter;
  prng: Prng;
  now: number;
  orgId: string;
  supervisorIds: string[];
  shape: CaseloadShape;
  /** When the staff work and patients write (UK office hours, clock changes included). */
  calendar: SeedCalendar;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const writeTranscript = async (
  ctx: Ctx,
  ids: { appointmentId: string; patientId: string; therapistId: string },
  startMs: number,
  minutes: number,
  story: PatientStory,
  session: { kind: 'assessment' | 'treatment'; final: boolean },
) => {
  const { prng, out } = ctx;
  const transcriptId = prng.uuid();
  await out.add('transcripts', {
    id: transcriptId,
    appointment_id: ids.appointmentId,
    patient_id: ids.patientId,
    therapist_id: ids.therapistId,
    started_at: iso(startMs),
  });
  const count = prng.int(ctx.shape.utterances[0], ctx.shape.utterances[1]);
  const stepMs = Math.floor((minutes * 60_000) / count);
  // The words from the patient's story (its own PRNG); the ids and times from the seed's.
  const lines = sessionTalk(story, { ...session, lines: count });
  let at = startMs;
  for (const [seq, { speaker, text }] of lines.entries()) {
    at += Math.max(2000, stepMs + prng.int(-stepMs / 2, stepMs / 2));
    await out.add('utterances', {
      id: prng.uuid(),
      transcript_id: transcriptId,
      seq,
      speaker,
      text,
      sent_at: iso(at),
    });
  }
};

const writeMeasures = async (
  ctx: Ctx,
  p: { id: string; appointmentId: string; at: number; adsm: string | null; risk: boolean },
  scores: { phq: number; gad: number; wsas: number; adsm: number },
) => {
  const { prng, out } = ctx;
  const base = { patient_id: p.id, appointment_id: p.appointmentId, recorded_at: iso(p.at) };
  const phqItems = itemsFor(prng, scores.phq, 9, 3, p.risk ? { 8: prng.int(1, 2) } : { 8: 0 });
  await out.add('measures', {
    id: prng.uuid(),
    ...base,
    kind: 'PHQ9',
    items: phqItems,
    total: phqItems.reduce((a, b) => a + b, 0),
  });
  const gadItems = itemsFor(prng, scores.gad, 7, 3);
  await out.add('measures', {
    id: prng.uuid(),
    ...base,
    kind: 'GAD7',
    items: gadItems,
    total: gadItems.reduce((a, b) => a + b, 0),
  });
  const wsasItems = itemsFor(prng, scores.wsas, 5, 8);
  await out.add('measures', {
    id: prng.uuid(),
    ...base,
    kind: 'WSAS',
    items: wsasItems,
    total: wsasItems.reduce((a, b) => a + b, 0),
  });
  if (p.adsm)
    await out.add('measures', {
      id: prng.uuid(),
      ...base,
      kind: p.adsm,
      items: null,
      total: scores.adsm,
    });
};

/**
 * A patient's message thread from `fromMs` to `lastMs`: exchanges (the patient writes, the
 * therapist answers within a day or so) and the therapist's own check-ins between sessions,
 * the last one at `lastMs`. With `awaitingAtMs`, one more message from the patient then,
 * still waiting for a reply.
 */
const writeMessages = async (
  ctx: Ctx,
  ids: { patientId: string; therapistId: string },
  fromMs: number,
  lastMs: number,
  awaitingAtMs: number | undefined,
) => {
  const { prng, out, calendar } = ctx;
  const count = prng.int(ctx.shape.messages[0], ctx.shape.messages[1]);
  // Pairs (a message and its answer) and lone check-ins, `count` messages in all.
  const moments = Math.max(1, Math.ceil(count / 2));
  const lone = moments * 2 - count;
  const span = Math.max(0, lastMs - fromMs);
  let previous = fromMs;
  let written = 0;
  const add = async (
    direction: 'inbound' | 'outbound',
    body: string,
    at: number,
    read?: number,
  ) => {
    written++;
    await out.add('messages', {
      id: prng.uuid(),
      patient_id: ids.patientId,
      therapist_id: direction === 'inbound' ? null : ids.therapistId,
      direction,
      body,
      sent_at: iso(at),
      read_at: direction === 'inbound' && read !== undefined ? iso(read) : null,
    });
  };
  for (let i = 0; i < moments && written < count; i++) {
    // The therapist's message of each moment, written at work; the last one at lastMs.
    const at =
      i === moments - 1
        ? lastMs
        : Math.max(
            previous,
            calendar.officeBefore(prng, fromMs + Math.floor((span * (i + 1)) / moments)),
          );
    if (i >= lone && written + 2 <= count) {
      const [question, answer] = prng.pick(EXCHANGES);
      // The patient wrote (at any hour, mostly by day) up to a day or so before the answer.
      const asked = calendar.patientWrites(
        prng,
        at - Math.max(2 * HOUR, Math.min(30 * HOUR, Math.floor((at - previous) / 2))),
        at - 15 * MINUTE,
      );
      await add('inbound', question, asked, asked + Math.floor((at - asked) / 2));
      await add('outbound', answer, at);
    } else {
      await add('outbound', prng.pick(CHECK_INS), at);
    }
    previous = at;
  }
  if (awaitingAtMs !== undefined) {
    const read = prng.chance(0.5) ? awaitingAtMs + prng.int(5, 60) * 60_000 : undefined;
    await add(
      'inbound',
      prng.pick(INBOUND_MESSAGES),
      awaitingAtMs,
      read !== undefined && read < ctx.now ? read : undefined,
    );
  }
};

interface Slot {
  appointmentId: string;
  kind: 'assessment' | 'treatment';
  minutes: number;
  outcome: 'attended' | 'dna' | 'late_cancellation' | 'cancelled';
  sessionNumber: number;
  startMs: number;
}

/** The session note (and after an assessment, the letter) of a held or missed session. */
const writeSessionNotes = async (
  ctx: Ctx,
  ids: { patientId: string; therapistId: string },
  slot: Slot,
  problem: string,
  state: 'submitted' | 'missing' | 'draft',
) => {
  const { prng, out, now, calendar } = ctx;
  const endMs = slot.startMs + slot.minutes * 60_000;
  // A diligent clinician writes up within the day at work, mostly the same afternoon.
  const writtenMs = (latestHours: number) =>
    calendar.officeAfter(
      prng,
      endMs + 20 * MINUTE,
      endMs + latestHours * HOUR,
      now - 10 * MINUTE,
    ) ?? Math.min(endMs + 20 * MINUTE, now - 10 * MINUTE);
  if (slot.kind === 'assessment' && slot.outcome === 'attended') {
    const at = writtenMs(40);
    await out.add('notes', {
      id: prng.uuid(),
      patient_id: ids.patientId,
      appointment_id: slot.appointmentId,
      author_id: ids.therapistId,
      kind: 'assessment_letter',
      body: prng.pick(ASSESSMENT_LETTERS).replaceAll('{problem}', problem.toLowerCase()),
      status: 'submitted',
      updated_at: iso(at),
      submitted_at: iso(at),
    });
  }
  if (state === 'missing') return;
  const at =
    state === 'draft'
      ? (calendar.officeBetween(prng, endMs + 10 * MINUTE, endMs + HOUR) ?? endMs + 10 * MINUTE)
      : writtenMs(30);
  const template =
    slot.outcome === 'dna'
      ? prng.pick(DNA_NOTES)
      : slot.kind === 'assessment'
        ? prng.pick(ASSESSMENT_NOTES)
        : prng.pick(SESSION_NOTES);
  await out.add('notes', {
    id: prng.uuid(),
    patient_id: ids.patientId,
    appointment_id: slot.appointmentId,
    author_id: ids.therapistId,
    kind: 'session_note',
    body: template
      .replaceAll('{n}', String(slot.sessionNumber))
      .replaceAll('{problem}', problem.toLowerCase()),
    status: state,
    updated_at: iso(at),
    submitted_at: state === 'submitted' ? iso(at) : null,
  });
};

/**
 * One patient's whole record: episode, appointments, transcripts, measures, notes, messages,
 * tickets. The history is laid backwards from now (server/README.md, "A demo day"): sessions
 * fortnightly up to the last one held, the next one booked, every note written and every
 * message answered in time, reviewed in case management every four weeks; only what `plan`
 * makes live is left to do.
 */
export const writePatient = async (
  ctx: Ctx,
  therapist: SeedUser,
  caseRef: string,
  plan: PatientPlan = {},
) => {
  const { prng, out, now, calendar } = ctx;
  const live = isLive(plan);
  const step = therapist.step ?? 3;
  const patientId = prng.uuid();
  const givenName = prng.pick(GIVEN_NAMES);
  const [problem, adsm] = prng.weighted(
    PROBLEM_DESCRIPTORS.map(([name, weight, a]) => [[name, a], weight] as const),
  );
  const trajectory = prng.weighted(TRAJECTORIES);
  // What this patient's sessions are about, carried from one to the next.
  const story = storyFor(prng.uint32(), { givenName, problem });
  const risk = prng.chance(0.1);
  // A live review needs a history of reviews (three treatment sessions: six weeks and more),
  // and no fourth session, whose own step 3 review would be the latest.
  const drawn = prng.int(ctx.shape.treatmentSessions[0], ctx.shape.treatmentSessions[1]);
  const treatments =
    plan.lastReviewAgoDays !== undefined ? 3 : plan.discharged ? Math.max(3, drawn) : drawn;
  const discharged = plan.discharged === true && !live;
  // Some new patients are still waiting for their assessment (booked, not yet held).
  const awaitingAssessment =
    treatments === 0 && plan.unwrittenNote === undefined && prng.chance(0.5);
  const dischargedMs = discharged
    ? calendar.officeOn(prng, now - prng.int(3, 20) * DAY, 'back')
    : null;
  const ids = { patientId, therapistId: therapist.id };

  // The sessions' outcomes first (the assessment, then treatment until enough were attended),
  // then their times, backwards from the last one held.
  const total = awaitingAssessment ? 0 : treatments + 1;
  const slots: Slot[] = [];
  for (let attended = 0; attended < total;) {
    const sessionNumber = slots.length;
    const kind = sessionNumber === 0 ? 'assessment' : 'treatment';
    const outcome =
      sessionNumber === 0 || attended === total - 1
        ? 'attended'
        : prng.weighted([
            ['attended', 80],
            ['dna', 8],
            ['late_cancellation', 7],
            ['cancelled', 5],
          ] as const);
    const minutes =
      kind === 'assessment' ? 60 : step === 2 ? 45 : prng.pick([60, 60, 45, 30] as const);
    slots.push({ appointmentId: prng.uuid(), kind, minutes, outcome, sessionNumber, startMs: 0 });
    if (outcome === 'attended') attended++;
  }
  const lastSlot = slots.at(-1);
  const lastMinutes = lastSlot?.minutes ?? 60;
  // Every session in the diary: a working day, in office hours (server/seed/calendar.ts).
  const lastStartMs = plan.unwrittenNote
    ? now - plan.unwrittenNote.endedAgoMs - lastMinutes * MINUTE
    : dischargedMs !== null
      ? calendar.sessionOn(prng, dischargedMs - prng.int(1, 3) * DAY, lastMinutes, 'back')
      : calendar.sessionOn(prng, now - prng.int(1, 13) * DAY, lastMinutes, 'back');
  slots.forEach((slot, i) => {
    const weeksBack = 2 * (slots.length - 1 - i);
    // The same weekday a fortnight apart, at a time of that day's diary.
    slot.startMs =
      weeksBack === 0
        ? lastStartMs
        : calendar.sessionOn(
            prng,
            calendar.weeksFrom(lastStartMs, -weeksBack),
            slot.minutes,
            'back',
          );
  });
  const firstMs = slots[0]?.startMs;
  // Referred and opened a week or two before the assessment; a new referral, days ago.
  const openedMs =
    firstMs === undefined
      ? calendar.officeOn(prng, now - prng.int(3, 12) * DAY, 'back')
      : calendar.officeOn(prng, firstMs - prng.int(7, 14) * DAY, 'back');

  await out.add('patients', {
    id: patientId,
    org_id: ctx.orgId,
    case_reference: caseRef,
    given_name: givenName,
    family_name: prng.pick(FAMILY_NAMES),
    date_of_birth: iso(now - prng.int(18, 75) * 365.25 * DAY - prng.int(0, 364) * DAY).slice(0, 10),
    phone: `07700 900${String(prng.int(0, 999)).padStart(3, '0')}`,
    therapist_id: therapist.id,
    status: discharged ? 'discharged' : 'active',
    discharged_at: dischargedMs ? iso(dischargedMs) : null,
  });
  const episodeId = prng.uuid();
  const recovered = trajectory === 'recovers';
  await out.add('episodes', {
    id: episodeId,
    patient_id: patientId,
    step,
    problem_descriptor: problem,
    status: discharged
      ? recovered
        ? 'discharged_recovered'
        : 'discharged_non_recovered'
      : awaitingAssessment
        ? 'awaiting_assessment'
        : 'in_treatment',
    allocated_therapist_id: therapist.id,
    opened_at: iso(openedMs),
    closed_at: dischargedMs ? iso(dischargedMs) : null,
  });
  await out.add('episode_allocations', {
    id: prng.uuid(),
    episode_id: episodeId,
    therapist_id: therapist.id,
    valid_from: iso(openedMs),
    valid_to: null,
    reason: 'initial allocation',
  });

  const start = {
    phq: prng.int(10, 24),
    gad: prng.int(8, 19),
    wsas: prng.int(10, 32),
    adsm: adsm ? Math.round((ADSM_MAX[adsm] ?? 40) * 0.6) : 0,
  };
  let attended = 0;
  let riskMs: number | null = null;
  for (const slot of slots) {
    const { appointmentId, kind, minutes, outcome } = slot;
    const atMs = slot.startMs;
    const cancelledAt =
      outcome === 'late_cancellation'
        ? atMs - prng.int(2, 40) * HOUR
        : outcome === 'cancelled'
          ? atMs - prng.int(60, 200) * HOUR
          : null;
    await out.add('appointments', {
      id: appointmentId,
      patient_id: patientId,
      episode_id: episodeId,
      therapist_id: therapist.id,
      kind,
      duration_minutes: minutes,
      starts_at: iso(atMs),
      session_number: slot.sessionNumber,
      outcome,
      cancelled_at: cancelledAt ? iso(cancelledAt) : null,
      // Late cancellations are the patient's (within 48 hours); in-time ones mostly too.
      cancelled_by:
        outcome === 'late_cancellation'
          ? 'patient'
          : outcome === 'cancelled'
            ? prng.weighted([
                ['patient', 3],
                ['therapist', 1],
              ] as const)
            : null,
    });
    const latest = slot === lastSlot;
    if (outcome === 'attended') {
      await writeTranscript(ctx, { appointmentId, ...ids }, atMs, minutes, story, {
        kind,
        final: discharged && latest,
      });
      const k = attended;
      const atRisk = risk && k === Math.floor(total / 2);
      if (atRisk) riskMs = atMs;
      await writeMeasures(
        ctx,
        { id: patientId, appointmentId, at: atMs, adsm, risk: atRisk },
        {
          phq: scoreAt(prng, trajectory, start.phq, k, total, 27, 10),
          gad: scoreAt(prng, trajectory, start.gad, k, total, 21, 8),
          wsas: scoreAt(prng, trajectory, start.wsas, k, total, 40, 10),
          adsm: scoreAt(
            prng,
            trajectory,
            start.adsm,
            k,
            total,
            ADSM_MAX[adsm ?? ''] ?? 40,
            Math.round(start.adsm * 0.6),
          ),
        },
      );
      attended++;
    }
    if (outcome === 'attended' || outcome === 'dna')
      await writeSessionNotes(
        ctx,
        ids,
        slot,
        problem,
        latest && plan.unwrittenNote ? plan.unwrittenNote.state : 'submitted',
      );
  }
  // The next session: a fortnight after the last (or the assessment, days away), unless the
  // plan has it later today.
  let nextMs: number | null = null;
  if (!discharged) {
    const nextMinutes = slots.length === 0 || step === 3 ? 60 : 45;
    nextMs =
      plan.nextSessionInMs !== undefined
        ? now + plan.nextSessionInMs
        : lastSlot
          ? calendar.sessionOn(
              prng,
              calendar.weeksFrom(lastSlot.startMs, 2),
              nextMinutes,
              'forward',
            )
          : calendar.sessionOn(prng, now + prng.int(1, 9) * DAY, nextMinutes, 'forward');
    if (nextMs <= now) nextMs = calendar.sessionOn(prng, now, nextMinutes, 'forward', now + HOUR);
    await out.add('appointments', {
      id: prng.uuid(),
      patient_id: patientId,
      episode_id: episodeId,
      therapist_id: therapist.id,
      kind: slots.length === 0 ? 'assessment' : 'treatment',
      duration_minutes: nextMinutes,
      starts_at: iso(nextMs),
      session_number: slots.length,
      outcome: null,
      cancelled_at: null,
      cancelled_by: null,
    });
  }
  if (dischargedMs !== null) {
    const at =
      calendar.officeAfter(
        prng,
        dischargedMs + 2 * HOUR,
        dischargedMs + 30 * HOUR,
        now - 10 * MINUTE,
      ) ?? Math.min(dischargedMs + 2 * HOUR, now - 10 * MINUTE);
    await out.add('notes', {
      id: prng.uuid(),
      patient_id: patientId,
      appointment_id: null,
      author_id: therapist.id,
      kind: 'discharge_letter',
      body: prng.pick(DISCHARGE_LETTERS).replaceAll('{problem}', problem.toLowerCase()),
      status: 'submitted',
      updated_at: iso(at),
      submitted_at: iso(at),
    });
  }
  // Contact at least weekly: the thread's last message within the last few days (before the
  // discharge for a discharged patient), then perhaps one waiting for a reply.
  const awaitingAtMs =
    plan.awaitingReplyAgoMs !== undefined ? now - plan.awaitingReplyAgoMs : undefined;
  // The therapist's last message was written at work.
  const threadEndMs = Math.max(
    openedMs,
    calendar.officeBefore(
      prng,
      Math.max(
        openedMs + HOUR,
        Math.min(
          dischargedMs ?? now - prng.int(4, 72) * HOUR,
          awaitingAtMs !== undefined ? awaitingAtMs - prng.int(6, 40) * HOUR : Infinity,
        ),
      ),
    ),
  );
  await writeMessages(ctx, ids, openedMs, threadEndMs, awaitingAtMs);
  await writeTickets(ctx, {
    patientId,
    therapistId: therapist.id,
    step,
    openedMs,
    slots,
    nextMs,
    riskMs,
    endMs: dischargedMs,
    lastReviewAgoDays: plan.lastReviewAgoDays,
    nonRecoveredDischargeMs: dischargedMs !== null && !recovered ? dischargedMs : null,
  });
  if (prng.chance(0.7)) {
    await out.add('emergency_contacts', {
      id: prng.uuid(),
      patient_id: patientId,
      name: `${prng.pick(GIVEN_NAMES)} ${prng.pick(FAMILY_NAMES)}`,
      phone: `07700 900${String(prng.int(0, 999)).padStart(3, '0')}`,
      relationship: prng.pick(['partner', 'parent', 'friend', 'sibling']),
      local_emergency_number: '999',
      updated_at: iso(Math.min(openedMs + DAY, now - HOUR)),
    });
  }
};

export type { Slot as SeedSlot };

export type { Ctx as CaseloadContext };
