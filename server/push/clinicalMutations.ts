import { measureSessionRule } from '../../shared/clinical';
import type { Queryable } from '../db/database';
import { currentVersion, touchFeed } from '../sync/feed';
import {
  auditedAccessAllowed,
  idTaken,
  requireFreshId,
  requireOwnPatient,
  requireRecordInReach,
} from './access';
import { bookAppointment } from './appointmentBooking';
import { recordAppointmentOutcome } from './appointmentOutcome';
import { conflictWithStored } from './conflict';
import {
  type MutationContext,
  type MutationHandlers,
  type Outcome,
  Rejection,
  applied,
} from './outcome';

const patientRecord = (orgId: string, patientId: string) => ({
  orgId,
  patientId,
  therapistId: null,
});

/**
 * A device's autosaves form one line of edits from the version it started from: its own
 * later revisions never conflict with it. Only a revision another device made after
 * `baseVersion` does (the client then keeps both versions and asks for a merge).
 */
const changedElsewhereSince = async (
  ctx: { tx: Queryable; deviceId: string },
  noteId: string,
  baseVersion: number | null,
): Promise<boolean> => {
  const rows = await ctx.tx.query(
    `SELECT 1 FROM note_revisions WHERE note_id = $1 AND version > $2 AND device_id IS DISTINCT FROM $3 LIMIT 1`,
    [noteId, baseVersion ?? 0, ctx.deviceId],
  );
  return rows.length > 0;
};

const noteConflict = (ctx: MutationContext, noteId: string, reason: string): Promise<Outcome> =>
  conflictWithStored(ctx.tx, 'note', noteId, () => reason);

/** The patient already has another emergency contact: show it rather than overwrite it. */
const contactConflict = (ctx: MutationContext, contactId: string): Promise<Outcome> =>
  conflictWithStored(
    ctx.tx,
    'emergencyContact',
    contactId,
    (data) =>
      `This patient already has an emergency contact (${data.name}), set on another device. Edit that one instead.`,
  );

const requireAppointmentOf = async (
  ctx: MutationContext,
  appointmentId: string,
  patientId: string,
) => {
  const [row] = await ctx.tx.query<{
    starts_at: Date | string;
    outcome: 'attended' | 'dna' | 'late_cancellation' | 'cancelled' | null;
  }>('SELECT starts_at, outcome FROM appointments WHERE id = $1 AND patient_id = $2', [
    appointmentId,
    patientId,
  ]);
  if (!row) throw new Rejection('That appointment does not belong to this patient.');
  return { startsAt: new Date(row.starts_at).toISOString(), outcome: row.outcome };
};

export const clinicalMutations: Pick<
  MutationHandlers,
  | 'message.send'
  | 'note.save'
  | 'note.submit'
  | 'appointment.recordOutcome'
  | 'appointment.book'
  | 'measure.record'
  | 'emergencyContact.set'
  | 'audit.record'
> = {
  'message.send': async (ctx, p) => {
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
    await requireFreshId(ctx.tx, 'messages', p.messageId);
    // Received now; written when the device says, but never after it reached us.
    const now = ctx.now.toISOString();
    const written = p.writtenAt ? new Date(p.writtenAt).toISOString() : null;
    await ctx.tx.query(
      `INSERT INTO messages (id, patient_id, therapist_id, direction, body, sent_at, written_at) VALUES ($1, $2, $3, 'outbound', $4, $5, $6)`,
      [
        p.messageId,
        p.patientId,
        ctx.caller.userId,
        p.body,
        now,
        written !== null && written < now ? written : now,
      ],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'message',
        id: p.messageId,
        ...patientRecord(patient.org_id, p.patientId),
      }),
    );
  },

  'note.save': async (ctx, p) => {
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
    if (p.appointmentId) await requireAppointmentOf(ctx, p.appointmentId, p.patientId);
    const [existing] = await ctx.tx.query<{ patient_id: string; status: string }>(
      'SELECT patient_id, status FROM notes WHERE id = $1 FOR UPDATE',
      [p.noteId],
    );
    if (existing) {
      if (existing.patient_id !== p.patientId) throw idTaken();
      if (await changedElsewhereSince(ctx, p.noteId, p.baseVersion))
        return noteConflict(
          ctx,
          p.noteId,
          'This note was changed on another device. Both versions are kept; merge them.',
        );
      if (existing.status === 'submitted')
        return noteConflict(
          ctx,
          p.noteId,
          'This note has already been submitted and can no longer be edited.',
        );
      await ctx.tx.query(
        'UPDATE notes SET body = $2, kind = $3, appointment_id = $4, updated_at = $5 WHERE id = $1',
        [p.noteId, p.body, p.kind, p.appointmentId, ctx.now.toISOString()],
      );
    } else {
      if (p.baseVersion !== null) throw new Rejection('This note no longer exists on the server.');
      await ctx.tx.query(
        `INSERT INTO notes (id, patient_id, appointment_id, author_id, kind, body, status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7)`,
        [
          p.noteId,
          p.patientId,
          p.appointmentId,
          ctx.caller.userId,
          p.kind,
          p.body,
          ctx.now.toISOString(),
        ],
      );
    }
    const version = await touchFeed(ctx.tx, {
      entity: 'note',
      id: p.noteId,
      ...patientRecord(patient.org_id, p.patientId),
    });
    await ctx.tx.query(
      'INSERT INTO note_revisions (note_id, version, body, device_id, saved_at) VALUES ($1, $2, $3, $4, $5)',
      [p.noteId, version, p.body, ctx.deviceId, ctx.now.toISOString()],
    );
    return applied(version);
  },

  'note.submit': async (ctx, p) => {
    const { row: note, patient } = await requireRecordInReach<{
      patient_id: string;
      status: string;
    }>(ctx.tx, ctx.caller.userId, { kind: 'note', id: p.noteId }, 'own', {
      columns: 'status',
      lock: true,
    });
    if (await changedElsewhereSince(ctx, p.noteId, p.baseVersion)) {
      return noteConflict(
        ctx,
        p.noteId,
        'This note was changed on another device before it was submitted. Review both versions.',
      );
    }
    if (note.status === 'submitted') return applied(await currentVersion(ctx.tx, 'note', p.noteId));
    await ctx.tx.query(
      `UPDATE notes SET status = 'submitted', submitted_at = $2, updated_at = $2 WHERE id = $1`,
      [p.noteId, ctx.now.toISOString()],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'note',
        id: p.noteId,
        ...patientRecord(patient.org_id, note.patient_id),
      }),
    );
  },

  'appointment.recordOutcome': recordAppointmentOutcome,

  'appointment.book': bookAppointment,

  'measure.record': async (ctx, p) => {
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
    if (p.appointmentId) {
      // Scores belong to a session that had started when they were recorded, and was not missed.
      const session = await requireAppointmentOf(ctx, p.appointmentId, p.patientId);
      const recordedAt = new Date(p.recordedAt).toISOString();
      const link = measureSessionRule(
        { id: p.appointmentId, startsAt: session.startsAt, outcome: session.outcome },
        recordedAt < ctx.now.toISOString() ? recordedAt : ctx.now.toISOString(),
      );
      if (!link.ok) throw new Rejection(link.reason);
    }
    if (p.items && p.items.reduce((a, b) => a + b, 0) !== p.total)
      throw new Rejection('The item scores do not add up to the total.');
    await requireFreshId(ctx.tx, 'measures', p.measureId);
    await ctx.tx.query(
      'INSERT INTO measures (id, patient_id, appointment_id, kind, items, total, recorded_at) VALUES ($1, $2, $3, $4, $5::int[], $6, $7)',
      [p.measureId, p.patientId, p.appointmentId, p.kind, p.items, p.total, p.recordedAt],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'measure',
        id: p.measureId,
        ...patientRecord(patient.org_id, p.patientId),
      }),
    );
  },

  'emergencyContact.set': async (ctx, p) => {
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
    const values = [p.name, p.phone, p.relationship, p.localEmergencyNumber, ctx.now.toISOString()];
    // A first contact: inserted unless the patient already has one or the id is taken (by a
    // concurrent device too: ON CONFLICT instead of a unique violation).
    const inserted = await ctx.tx.query(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [p.contactId, p.patientId, ...values],
    );
    if (inserted.length === 0) {
      const [stored] = await ctx.tx.query<{ id: string; patient_id: string }>(
        'SELECT id, patient_id FROM emergency_contacts WHERE patient_id = $1 OR id = $2 FOR UPDATE',
        [p.patientId, p.contactId],
      );
      if (!stored || stored.patient_id !== p.patientId) throw idTaken();
      if (stored.id !== p.contactId) return contactConflict(ctx, stored.id);
      await ctx.tx.query(
        `UPDATE emergency_contacts SET name = $2, phone = $3, relationship = $4, local_emergency_number = $5, updated_at = $6
          WHERE id = $1`,
        [p.contactId, ...values],
      );
    }
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'emergencyContact',
        id: p.contactId,
        ...patientRecord(patient.org_id, p.patientId),
      }),
    );
  },

  /**
   * Who opened what, when, where. Recorded offline and pushed later (maybe after the patient
   * was reallocated): checked as of the event's time (auditedAccessAllowed). The client's
   * claims (occurred_at, country) are kept beside what the server saw: its receive time and
   * the country it resolved from the request.
   */
  'audit.record': async (ctx, p) => {
    if (
      p.patientId &&
      !(await auditedAccessAllowed(ctx.tx, ctx.caller.userId, p.patientId, {
        occurredAt: new Date(p.occurredAt),
        receivedAt: ctx.now,
      }))
    )
      throw new Rejection('This patient was not on your caseload or supervision at that time.');
    const inserted = await ctx.tx.query(
      `INSERT INTO audit_events (id, user_id, device_id, action, patient_id, entity_id, occurred_at, country, received_at, observed_country, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        p.eventId,
        ctx.caller.userId,
        ctx.deviceId,
        p.action,
        p.patientId,
        p.entityId,
        p.occurredAt,
        p.country,
        ctx.now.toISOString(),
        ctx.caller.country,
        p.location ? JSON.stringify(p.location) : null,
      ],
    );
    if (inserted.length === 0) {
      // Sent before (a rebuilt outbox gives it a new mutation id): the same event is done.
      const [stored] = await ctx.tx.query<{ user_id: string; device_id: string }>(
        'SELECT user_id, device_id FROM audit_events WHERE id = $1',
        [p.eventId],
      );
      if (stored?.user_id !== ctx.caller.userId || stored.device_id !== ctx.deviceId)
        throw new Rejection('This record already exists; it was not saved.');
    }
    return applied(null);
  },
};
