import type { Appointment } from '../../../shared/api';
import {
  type CancelledBy,
  decideOutcome,
  type OutcomeDecision,
  type OutcomeRecording,
} from '../../../shared/clinical';
import {
  type AppointmentView,
  type ClinicianHandlers,
  type OutcomeRequest,
  RefusedError,
} from '../../../shared/ipc';
import type { Store } from '../store';
import type { CaseReader, PatientFacts } from './case-reader';
import type { WorkspaceContext } from './context';
import {
  outcomeBaseVersion,
  type UnsettledBooking,
  type UnsettledOutcome,
  unsettledBookings,
  unsettledOutcomes,
  writeInTransaction,
} from './local-writes';

/** The version the service gives a record it creates (server/sync/feed.ts `touchFeed`). */
const NEW_RECORD_VERSION = 1;

/**
 * The appointment as the patient record shows it: the record (with this device's pending
 * outcome, if any), its episode's step, and every outcome of this device the server refused,
 * so a refusal or a conflict is never hidden behind the current record.
 */
export function appointmentView(
  appointment: Appointment,
  version: number | null,
  facts: PatientFacts | undefined,
  unsettled: readonly UnsettledOutcome[],
  booking: UnsettledBooking | null,
): AppointmentView {
  const pending = unsettled.some((u) => u.status === 'pending') || version === null;
  // This device's own booking the server refused: shown with the reason until discarded.
  const refusedBooking = booking?.status === 'rejected';
  return {
    ...appointment,
    cancelledBy: appointment.cancelledBy ?? null,
    step: facts?.episodes.find((e) => e.id === appointment.episodeId)?.step ?? null,
    syncState: refusedBooking ? 'rejected' : pending ? 'pending' : 'synced',
    rejectedReason: refusedBooking ? (booking.reason ?? 'The server refused this booking.') : null,
    refused: unsettled
      .filter((u) => u.status === 'rejected')
      .map((u) => ({
        seq: u.seq,
        reason: u.reason ?? 'The server refused this change.',
        outcome: u.payload.outcome,
        cancelledAt: u.payload.cancelledAt,
        cancelledBy: u.payload.cancelledBy,
        recordedAt: u.createdAt,
      })),
  };
}

export function appointmentViews(store: Store, facts: PatientFacts): AppointmentView[] {
  const unsettled = unsettledOutcomes(store);
  const bookings = unsettledBookings(store);
  // A refused booking stays on the record, with the server's reason, until discarded.
  return [...facts.appointments, ...facts.refusedBookings].map((a) =>
    appointmentView(
      a,
      store.records.get('appointment', a.id)?.version ?? null,
      facts,
      unsettled.get(a.id) ?? [],
      bookings.get(a.id) ?? null,
    ),
  );
}

const recordingOf = (request: OutcomeRequest): OutcomeRecording | string => {
  if (request.outcome !== 'cancelled') {
    return request.cancelledAt === null && request.cancelledBy === null
      ? { kind: request.outcome }
      : 'Only a cancellation has a time of cancellation and who cancelled.';
  }
  if (request.cancelledAt === null || request.cancelledBy === null) {
    return 'Say when the appointment was cancelled and by whom (the patient, the therapist or the service).';
  }
  return {
    kind: 'cancelled',
    cancelledAt: new Date(request.cancelledAt).toISOString(),
    cancelledBy: request.cancelledBy,
  };
};

/**
 * Recording appointment outcomes: the status is computed by shared/clinical from what the
 * therapist says happened (never chosen by hand), checked before anything is written, and
 * sent with the version it was recorded against so the server can answer a conflict.
 */
export function outcomeHandlers(
  ctx: WorkspaceContext,
  cases: CaseReader,
): Pick<ClinicianHandlers['appointments'], 'checkOutcome' | 'recordOutcome' | 'cancel'> {
  const decide = (request: OutcomeRequest) => {
    const store = ctx.store();
    const current = store.records.get('appointment', request.appointmentId);
    if (!current) throw new RefusedError('This appointment is not on this device.');
    const snap = cases.snapshot();
    const facts = snap.byPatient.get(current.data.patientId);
    const step = facts?.episodes.find((e) => e.id === current.data.episodeId)?.step;
    if (!facts || step === undefined)
      throw new RefusedError("This appointment's patient or episode is not on this device.");
    const recording = recordingOf(request);
    const decision: OutcomeDecision =
      typeof recording === 'string'
        ? { ok: false, reason: recording }
        : decideOutcome({ ...current.data, step }, recording, ctx.now().toISOString(), snap.config);
    return { store, current, facts, decision };
  };

  const recordOutcome = (request: OutcomeRequest): AppointmentView => {
    const { store, current, facts, decision } = decide(request);
    if (!decision.ok) throw new RefusedError(decision.reason);
    const unsettled = unsettledOutcomes(store).get(request.appointmentId) ?? [];
    const baseVersion =
      outcomeBaseVersion(current.version, unsettled) ??
      // This device's own booking, on its way: the outcome follows it in the queue, against
      // the version the service gives a new record.
      (unsettledBookings(store).get(request.appointmentId)?.status === 'pending'
        ? NEW_RECORD_VERSION
        : null);
    if (baseVersion === null) {
      throw new RefusedError(
        "The server has just accepted this appointment's previous outcome; record again once this sync has finished.",
      );
    }
    const cancelledBy: CancelledBy | null =
      request.outcome === 'cancelled' ? request.cancelledBy : null;
    const cancelledAt = request.outcome === 'cancelled' ? request.cancelledAt : null;
    const data = { ...current.data, outcome: decision.status, cancelledAt, cancelledBy };
    writeInTransaction(
      ctx,
      'appointment.recordOutcome',
      {
        appointmentId: request.appointmentId,
        outcome: decision.status,
        cancelledAt,
        cancelledBy,
        baseVersion,
      },
      () =>
        store.records.put('appointment', {
          id: current.id,
          version: null,
          scope: current.scope,
          data,
        }),
    );
    ctx.changed(['appointment'], [data.patientId], true);
    return appointmentView(
      data,
      null,
      facts,
      unsettledOutcomes(store).get(request.appointmentId) ?? [],
      unsettledBookings(store).get(request.appointmentId) ?? null,
    );
  };

  return {
    checkOutcome: (request) => decide(request).decision,
    recordOutcome,
    // A booked session the therapist calls off: cancelled by the therapist, now. A booking of
    // this device's that no push has carried is withdrawn instead: it never reaches the
    // service. One a push carried may be there already, so the cancellation follows it.
    cancel: ({ appointmentId }) => {
      const store = ctx.store();
      const current = store.records.get('appointment', appointmentId);
      if (current && current.data.outcome !== null)
        throw new RefusedError('This session already has an outcome: it is no longer booked.');
      // This device's booking of it, while the service has not settled it (its subject is the
      // appointment's id).
      const booking = store.outbox
        .listUnsettled()
        .find((e) => e.kind === 'appointment.book' && e.subjectId === appointmentId);
      if (booking?.status === 'rejected')
        throw new RefusedError(
          'The service refused this booking, so it holds no time: discard it under Changes that need you.',
        );
      if (booking?.status === 'held')
        throw new RefusedError(
          'This booking is held back after the service failed on it: try it again or discard it under Changes that need you.',
        );
      const withdrawn =
        booking !== undefined &&
        store.applyInTransaction(() => {
          if (!store.outbox.withdrawUnsent(booking.seq)) return false;
          store.records.settleLocalChange('appointment', appointmentId, { kind: 'discarded' });
          return true;
        });
      if (withdrawn) {
        ctx.changed(['appointment', 'outbox'], current ? [current.data.patientId] : null, true);
        return { kind: 'withdrawn' as const };
      }
      return {
        kind: 'cancelled' as const,
        appointment: recordOutcome({
          appointmentId,
          outcome: 'cancelled',
          cancelledAt: ctx.now().toISOString(),
          cancelledBy: 'therapist',
        }),
      };
    },
  };
}
