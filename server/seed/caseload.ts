import type { BulkWriter } from './bulk';
import { ADSM_MAX, TRAJECTORIES, itemsFor, scoreAt } from './measures';
import type { SeedUser } from './organisation';
import type { Prng } from './prng';
import { writeTickets } from './tickets';
import {
  FAMILY_NAMES,
  GIVEN_NAMES,
  INBOUND_MESSAGES,
  OUTBOUND_MESSAGES,
  PROBLEM_DESCRIPTORS,
  SESSION_PHASES,
  TOPICS,
} from './vocabulary';

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
}

const iso = (ms: number) => new Date(ms).toISOString();
const atWorkingHour = (ctx: Ctx, dayMs: number) =>
  Math.floor(dayMs / DAY) * DAY + ctx.prng.int(9, 16) * HOUR;

const writeTranscript = async (
  ctx: Ctx,
  ids: { appointmentId: string; patientId: string; therapistId: string },
  startMs: number,
  minutes: number,
  givenName: string,
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
  const topic = prng.pick(TOPICS);
  let seq = 0;
  let at = startMs;
  for (const phase of SESSION_PHASES) {
    const share = Math.max(2, Math.round(count * phase.share));
    for (let i = 0; i < share && seq < count; i++) {
      const [speaker, template] = phase.lines[i % phase.lines.length] ?? ['therapist', '…'];
      at += Math.max(2000, stepMs + prng.int(-stepMs / 2, stepMs / 2));
      await out.add('utterances', {
        id: prng.uuid(),
        transcript_id: transcriptId,
        seq: seq++,
        speaker,
        text: template.replaceAll('{name}', givenName).replaceAll('{topic}', topic),
        sent_at: iso(at),
      });
    }
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

const writeMessages = async (ctx: Ctx, patientId: string, therapistId: string, fromMs: number) => {
  const { prng, out } = ctx;
  const count = prng.int(ctx.shape.messages[0], ctx.shape.messages[1]);
  const awaiting = prng.chance(0.35);
  const span = ctx.now - fromMs - 3 * DAY;
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const inbound = last && awaiting ? true : i % 2 === 0;
    // The last inbound awaits a reply: some fresh, some already past the 48-hour deadline.
    const sentAt =
      last && awaiting
        ? ctx.now - prng.int(2, 70) * HOUR
        : fromMs + Math.floor((span * (i + 1)) / (count + 1));
    await out.add('messages', {
      id: prng.uuid(),
      patient_id: patientId,
      therapist_id: inbound ? null : therapistId,
      direction: inbound ? 'inbound' : 'outbound',
      body: inbound ? prng.pick(INBOUND_MESSAGES) : prng.pick(OUTBOUND_MESSAGES),
      sent_at: iso(sentAt),
      read_at:
        inbound && !(last && awaiting && prng.chance(0.6))
          ? iso(sentAt + prng.int(1, 20) * HOUR)
          : null,
    });
  }
};

/** One patient's whole record: episode, appointments, transcripts, measures, notes, messages, tickets. */
export const writePatient = async (ctx: Ctx, therapist: SeedUser, caseRef: string) => {
  const { prng, out, now } = ctx;
  const step = therapist.step ?? 3;
  const patientId = prng.uuid();
  const givenName = prng.pick(GIVEN_NAMES);
  const [problem, adsm] = prng.weighted(
    PROBLEM_DESCRIPTORS.map(([name, weight, a]) => [[name, a], weight] as const),
  );
  const trajectory = prng.weighted(TRAJECTORIES);
  const risk = prng.chance(0.1);
  const treatments = prng.int(ctx.shape.treatmentSessions[0], ctx.shape.treatmentSessions[1]);
  const discharged = treatments >= 3 && prng.chance(ctx.shape.dischargedShare);
  // Some new patients are still waiting for their assessment (booked, not yet held).
  const awaitingAssessment = treatments === 0 && prng.chance(0.5);
  const openedMs = atWorkingHour(ctx, now - (treatments + 5) * 14 * DAY - prng.int(7, 14) * DAY);
  const dischargedMs = discharged ? now - prng.int(1, 20) * DAY : null;

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
  let sessionNumber = 0;
  let atMs = openedMs + 7 * DAY;
  const total = awaitingAssessment ? 0 : treatments + 1;
  while (attended < total && atMs < now - 2 * HOUR) {
    const appointmentId = prng.uuid();
    const kind = sessionNumber === 0 ? 'assessment' : 'treatment';
    const minutes =
      kind === 'assessment' ? 60 : step === 2 ? 45 : prng.pick([60, 60, 45, 30] as const);
    const outcome =
      sessionNumber === 0
        ? 'attended'
        : prng.weighted([
            ['attended', 80],
            ['dna', 8],
            ['late_cancellation', 7],
            ['cancelled', 5],
          ] as const);
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
      session_number: sessionNumber,
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
    if (outcome === 'attended') {
      await writeTranscript(
        ctx,
        { appointmentId, patientId, therapistId: therapist.id },
        atMs,
        minutes,
        givenName,
      );
      const k = attended;
      await writeMeasures(
        ctx,
        { id: patientId, appointmentId, at: atMs, adsm, risk: risk && k === Math.floor(total / 2) },
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
      // Most notes are in; the latest is sometimes missing (a live 48-hour deadline) or a draft.
      const latest = attended === total - 1;
      const noteState = latest
        ? prng.weighted([
            ['submitted', 50],
            ['missing', 35],
            ['draft', 15],
          ] as const)
        : 'submitted';
      if (noteState !== 'missing') {
        await out.add('notes', {
          id: prng.uuid(),
          patient_id: patientId,
          appointment_id: appointmentId,
          author_id: therapist.id,
          kind: kind === 'assessment' ? 'assessment_letter' : 'session_note',
          body: `Session ${sessionNumber}: reviewed homework, worked on ${problem.toLowerCase()} formulation, homework agreed.`,
          status: noteState,
          updated_at: iso(atMs + 3 * HOUR),
          submitted_at: noteState === 'submitted' ? iso(atMs + 3 * HOUR) : null,
        });
      }
      attended++;
    }
    sessionNumber++;
    atMs = atWorkingHour(ctx, atMs + 14 * DAY);
  }
  if (!discharged) {
    await out.add('appointments', {
      id: prng.uuid(),
      patient_id: patientId,
      episode_id: episodeId,
      therapist_id: therapist.id,
      kind: sessionNumber === 0 ? 'assessment' : 'treatment',
      duration_minutes: sessionNumber === 0 || step === 3 ? 60 : 45,
      starts_at: iso(atWorkingHour(ctx, now + prng.int(1, 13) * DAY)),
      session_number: sessionNumber,
      outcome: null,
      cancelled_at: null,
      cancelled_by: null,
    });
  }
  await writeMessages(ctx, patientId, therapist.id, openedMs);
  await writeTickets(ctx, {
    patientId,
    therapistId: therapist.id,
    step,
    treatments: sessionNumber - 1,
    risk,
    openedMs,
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
      updated_at: iso(openedMs + DAY),
    });
  }
};

export type { Ctx as CaseloadContext };
