import { entitySchemas } from '../../shared/api';
import { measureSessionRule } from '../../shared/clinical';
import type { Queryable } from '../db/database';
import { currentVersion, touchFeed } from '../sync/feed';
import { loadRecords } from '../sync/loaders';
import { requireFreshId, requireOwnPatient, requireVisiblePatient } from './access';
import { recordAppointmentOutcome } from './appointmentOutcome';
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

const noteConflict = async (
  ctx: MutationContext,
  noteId: string,
  reason: string,
): Promise<Outcome> => {
  const data = entitySchemas.note.parse((await loadRecords(ctx.tx, 'note', [noteId])).get(noteId));
  const version = (await currentVersion(ctx.tx, 'note', noteId)) ?? 1;
  return {
    status: 'conflict',
    serverVersion: { entity: 'note', id: noteId, version, data },
    reason,
  };
};

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
      if (existing.patient_id !== p.patientId)
        throw new Rejection('This note belongs to another patient.');
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
    const [note] = await ctx.tx.query<{ patient_id: string; status: string }>(
      'SELECT patient_id, status FROM notes WHERE id = $1 FOR UPDATE',
      [p.noteId],
    );
    if (!note) throw new Rejection('This note does not exist on the server; save it first.');
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, note.patient_id);
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
    const [existing] = await ctx.tx.query<{ id: string }>(
      'SELECT id FROM emergency_contacts WHERE patient_id = $1 FOR UPDATE',
      [p.patientId],
    );
    const id = existing?.id ?? p.contactId;
    await ctx.tx.query(
      `INSERT INTO emergency_contacts (id, patient_id, name, phone, relationship, local_emergency_number, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (patient_id) DO UPDATE SET name = $3, phone = $4, relationship = $5, local_emergency_number = $6, updated_at = $7`,
      [
        id,
        p.patientId,
        p.name,
        p.phone,
        p.relationship,
        p.localEmergencyNumber,
        ctx.now.toISOString(),
      ],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'emergencyContact',
        id,
        ...patientRecord(patient.org_id, p.patientId),
      }),
    );
  },

  'audit.record': async (ctx, p) => {
    if (p.patientId) await requireVisiblePatient(ctx.tx, ctx.caller.userId, p.patientId);
    await ctx.tx.query(
      `INSERT INTO audit_events (id, user_id, device_id, action, patient_id, entity_id, occurred_at, country)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        p.eventId,
        ctx.caller.userId,
        ctx.deviceId,
        p.action,
        p.patientId,
        p.entityId,
        p.occurredAt,
        p.country,
      ],
    );
    return applied(null);
  },
};
