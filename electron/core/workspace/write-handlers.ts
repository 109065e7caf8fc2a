import { randomUUID } from 'node:crypto';
import {
  MeasureInputError,
  measureChartSeries,
  measureSessionRule,
  scoreGad7,
  scorePhq9,
  scoreWsas,
} from '../../../shared/clinical';
import { type ClinicianHandlers, type LocalMessage, RefusedError } from '../../../shared/ipc';
import type { ChangeScope } from '../store';
import type { CaseReader } from './case-reader';
import type { WorkspaceContext } from './context';
import { standingEmergencyContacts, writeInTransaction } from './local-writes';
import { bookingHandlers } from './booking-handlers';
import { outcomeHandlers } from './outcome-handlers';

// Kept here too for the modules that import it from this file.
export { writeInTransaction } from './local-writes';

const patientScope = (id: string): ChangeScope => ({ kind: 'patient', id });

export function writeHandlers(ctx: WorkspaceContext, cases: CaseReader) {
  const requirePatient = (patientId: string) => {
    const facts = cases.snapshot().byPatient.get(patientId);
    if (!facts) throw new RefusedError('This patient is not on this device.');
    return facts;
  };
  const done = (entity: string, patientId: string | null) =>
    ctx.changed([entity], patientId ? [patientId] : null, true);
  const pending = { syncState: 'pending' as const, rejectedReason: null };

  const appointments = { ...outcomeHandlers(ctx, cases), ...bookingHandlers(ctx, cases) };

  const measures: ClinicianHandlers['measures'] = {
    chart: ({ patientId }) => {
      const facts = requirePatient(patientId);
      const series = measureChartSeries(facts.measures, cases.snapshot().config);
      return {
        series: series.map((s) => ({
          ...s,
          lines: [...s.lines],
          band: s.band ? { ...s.band } : null,
          scores: [...s.scores],
        })),
      };
    },
    record: ({ patientId, appointmentId, kind, items }) => {
      const facts = requirePatient(patientId);
      // Scores are filed against the session they were taken at (shared/clinical rule).
      if (appointmentId !== null) {
        const session = facts.appointments.find((a) => a.id === appointmentId);
        if (!session) throw new RefusedError('That session is not one of this patient’s.');
        const link = measureSessionRule(session, ctx.now().toISOString());
        if (!link.ok) throw new RefusedError(link.reason);
      }
      const config = cases.snapshot().config;
      let total: number;
      try {
        total =
          kind === 'PHQ9'
            ? scorePhq9(items, config).total
            : kind === 'GAD7'
              ? scoreGad7(items, config).total
              : kind === 'WSAS'
                ? scoreWsas(items).total
                : NaN;
      } catch (error) {
        if (error instanceof MeasureInputError) throw new RefusedError(error.message);
        throw error;
      }
      if (Number.isNaN(total))
        throw new RefusedError(
          `${kind} scores are recorded from its own form; this form takes PHQ-9, GAD-7 and WSAS.`,
        );
      const measureId = randomUUID();
      const recordedAt = ctx.now().toISOString();
      const data = { id: measureId, patientId, appointmentId, kind, items, total, recordedAt };
      writeInTransaction(
        ctx,
        'measure.record',
        { measureId, patientId, appointmentId, kind, items, total, recordedAt },
        () =>
          ctx.store().records.put('measure', {
            id: measureId,
            version: null,
            scope: patientScope(patientId),
            data,
          }),
      );
      done('measure', patientId);
      return { ...data, ...pending };
    },
  };

  /** The reply writer (the draft and a refused reply's resend are message-handlers.ts's). */
  const messages = {
    reply: ({ patientId, body }: { patientId: string; body: string }): LocalMessage => {
      requirePatient(patientId);
      const messageId = randomUUID();
      // Written now; the server keeps this beside the time it receives the reply.
      const writtenAt = ctx.now().toISOString();
      const data = {
        id: messageId,
        patientId,
        therapistId: ctx.user().id,
        direction: 'outbound' as const,
        body,
        sentAt: writtenAt,
        readAt: null,
        writtenAt,
      };
      writeInTransaction(ctx, 'message.send', { messageId, patientId, body, writtenAt }, () =>
        ctx.store().records.put('message', {
          id: messageId,
          version: null,
          scope: patientScope(patientId),
          data,
        }),
      );
      done('message', patientId);
      return { ...data, ...pending };
    },
  };

  const tickets: Pick<ClinicianHandlers['tickets'], 'raise' | 'decide'> = {
    raise: ({ patientId, type, body }) => {
      const facts = requirePatient(patientId);
      const ticketId = randomUUID();
      const data = {
        id: ticketId,
        patientId,
        therapistId: facts.patient.therapistId,
        type,
        body,
        state: 'open' as const,
        raisedAt: ctx.now().toISOString(),
        decision: null,
      };
      writeInTransaction(ctx, 'ticket.raise', { ticketId, patientId, type, body }, () =>
        ctx.store().records.put('ticket', {
          id: ticketId,
          version: null,
          scope: patientScope(patientId),
          data,
        }),
      );
      done('ticket', patientId);
      return { ...data, ...pending };
    },
    decide: ({ ticketId, decision, comment }) => {
      const store = ctx.store();
      const current = store.records.get('ticket', ticketId);
      if (!current) throw new RefusedError('This ticket is not on this device.');
      if (ctx.user().role !== 'supervisor')
        throw new RefusedError('Only a supervisor decides tickets.');
      if (current.data.state !== 'open')
        throw new RefusedError('This ticket has already been decided.');
      const state =
        decision === 'approve' ? 'approved' : decision === 'decline' ? 'declined' : 'advised';
      const data = {
        ...current.data,
        state,
        decision: { by: ctx.user().id, decision, comment, at: ctx.now().toISOString() },
      } as typeof current.data;
      writeInTransaction(ctx, 'ticket.decide', { ticketId, decision, comment }, () =>
        store.records.put('ticket', { id: ticketId, version: null, scope: current.scope, data }),
      );
      done('ticket', data.patientId);
      return { ...data, ...pending };
    },
  };

  const patients: Pick<ClinicianHandlers['patients'], 'setEmergencyContact'> = {
    /**
     * A patient has at most one local emergency contact: a new one while they have none, or
     * an edit of the one they have (by its id). Written locally with its outbox entry; the
     * service may still refuse it (another device recorded one first): then it shows among
     * the refused changes, with the service's contact in its place.
     */
    setEmergencyContact: ({
      patientId,
      contactId,
      name,
      relationship,
      phone,
      localEmergencyNumber,
    }) => {
      requirePatient(patientId);
      if (ctx.user().role === 'supervisor')
        throw new RefusedError('The patient’s therapist records their emergency contact.');
      const store = ctx.store();
      const existing = standingEmergencyContacts(store, patientId)[0];
      if (contactId === null && existing)
        throw new RefusedError(
          `This patient already has a local emergency contact (${existing.data.name}): edit that one instead.`,
        );
      if (contactId !== null && existing?.id !== contactId)
        throw new RefusedError('That emergency contact is not this patient’s on this device.');
      const id = contactId ?? randomUUID();
      const data = {
        id,
        patientId,
        name,
        phone,
        relationship,
        localEmergencyNumber,
        updatedAt: ctx.now().toISOString(),
      };
      writeInTransaction(
        ctx,
        'emergencyContact.set',
        { contactId: id, patientId, name, phone, relationship, localEmergencyNumber },
        () =>
          store.records.put('emergencyContact', {
            id,
            version: null,
            scope: existing?.scope ?? patientScope(patientId),
            data,
          }),
      );
      done('emergencyContact', patientId);
      return { ...data, ...pending };
    },
  };

  return { appointments, measures, messages, patients, tickets };
}
