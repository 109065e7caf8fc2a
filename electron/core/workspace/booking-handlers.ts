import { randomUUID } from 'node:crypto';
import type { Appointment as ApiAppointment } from '../../../shared/api';
import {
  bookingRule,
  proposedLength,
  type ProposedLength,
  sessionLimitWords,
  treatmentLimitRefusal,
  treatmentSessionsUsed,
  ukTimeInput,
} from '../../../shared/clinical';
import { type BookingOptions, type ClinicianHandlers, RefusedError } from '../../../shared/ipc';
import type { CaseReader, PatientFacts } from './case-reader';
import { toClinicalFacts } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { writeInTransaction } from './local-writes';
import { appointmentView } from './outcome-handlers';

const lengthView = (p: ProposedLength) => ({ ...p, allowed: [...p.allowed] });

const clinicalOf = (facts: Pick<PatientFacts, 'episodes' | 'appointments' | 'tickets'>) =>
  toClinicalFacts({
    patients: [],
    episodes: facts.episodes,
    appointments: facts.appointments,
    tickets: facts.tickets,
    messages: [],
    notes: [],
    measures: [],
  });

/**
 * Booking sessions on the device: checked offline by the same shared/clinical rule the server
 * applies (bookingRule), written as an optimistic appointment and an outbox entry in one
 * transaction, shown pending until the server confirms it.
 */
export function bookingHandlers(
  ctx: WorkspaceContext,
  cases: CaseReader,
): Pick<ClinicianHandlers['appointments'], 'bookingOptions' | 'book'> {
  /** The patient's open episode and the facts the rule reads, refused bookings left out. */
  const bookingContext = (patientId: string) => {
    const snap = cases.snapshot();
    const facts = snap.byPatient.get(patientId);
    if (!facts) throw new RefusedError('This patient is not on this device.');
    const me = ctx.user().id;
    if (facts.patient.therapistId !== me) {
      return {
        ok: false,
        refusal: 'Only the patient’s own therapist books their sessions.',
      } as const;
    }
    const open = facts.episodes
      .filter((e) => e.closedAt === null)
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1))[0];
    if (!open) {
      return {
        ok: false,
        refusal: 'This patient has no open episode of care to book a session in.',
      } as const;
    }
    // The snapshot already leaves out bookings the server refused (case-reader.ts).
    const clinical = clinicalOf(facts);
    const episode = clinical.episodes.find((e) => e.id === open.id);
    if (!episode) throw new RefusedError('This patient’s episode of care is not on this device.');
    const therapistAppointments = clinicalOf({
      episodes: snap.facts.episodes,
      appointments: snap.facts.appointments.filter((a) => a.therapistId === me),
      tickets: [],
    }).appointments;
    return {
      ok: true,
      facts,
      config: snap.config,
      open,
      episode,
      episodeAppointments: clinical.appointments.filter((a) => a.episodeId === open.id),
      tickets: clinical.tickets,
      therapistAppointments,
    } as const;
  };

  return {
    bookingOptions: ({ patientId }): BookingOptions => {
      const c = bookingContext(patientId);
      if (!c.ok) return { bookable: false, reason: c.refusal };
      const used = treatmentSessionsUsed(c.episode, c.episodeAppointments, c.tickets, c.config);
      return {
        bookable: true,
        episodeId: c.episode.id,
        step: c.episode.step,
        lengths: {
          assessment: lengthView(proposedLength(c.episode.step, 'assessment', c.config)),
          treatment: lengthView(proposedLength(c.episode.step, 'treatment', c.config)),
        },
        sessions: sessionLimitWords(used),
        treatmentRefusal: treatmentLimitRefusal(
          c.episode,
          c.episodeAppointments,
          c.tickets,
          c.config,
        ),
      };
    },

    book: ({ patientId, kind, durationMinutes, startsAtUk }) => {
      const c = bookingContext(patientId);
      if (!c.ok) throw new RefusedError(c.refusal);
      const start = ukTimeInput(startsAtUk, c.config.serviceZone);
      if (!start.ok) throw new RefusedError(start.reason);
      const decision = bookingRule(
        { kind, durationMinutes, startsAt: start.instant },
        {
          episode: c.episode,
          episodeAppointments: c.episodeAppointments,
          tickets: c.tickets,
          therapistAppointments: c.therapistAppointments,
        },
        ctx.now().toISOString(),
        c.config,
      );
      if (!decision.ok) throw new RefusedError(decision.reason);
      const appointmentId = randomUUID();
      const ofEpisode = c.facts.appointments.filter((a) => a.episodeId === c.open.id);
      const data: ApiAppointment = {
        id: appointmentId,
        patientId,
        episodeId: c.open.id,
        therapistId: ctx.user().id,
        kind,
        durationMinutes,
        startsAt: start.instant,
        // The server numbers it the same way when it stores it.
        sessionNumber:
          kind === 'assessment' ? 0 : Math.max(0, ...ofEpisode.map((a) => a.sessionNumber)) + 1,
        outcome: null,
        cancelledAt: null,
        cancelledBy: null,
      };
      writeInTransaction(
        ctx,
        'appointment.book',
        {
          appointmentId,
          patientId,
          episodeId: c.open.id,
          kind,
          durationMinutes,
          startsAt: start.instant,
        },
        () =>
          ctx.store().records.put('appointment', {
            id: appointmentId,
            version: null,
            scope: { kind: 'patient', id: patientId },
            data,
          }),
      );
      ctx.changed(['appointment'], [patientId], true);
      return appointmentView(data, null, c.facts, [], null);
    },
  };
}
