import {
  CTSR_ITEM_COUNT,
  CtsrIncomplete,
  completeCtsrScores,
  ticketDecisionNeedsReason,
} from '../../shared/clinical';
import { touchFeed } from '../sync/feed';
import { isCountryApproved } from '../http/authenticate';
import { requireFreshId, requireOwnPatient, requireRecordInReach } from './access';
import { conflictWithStored } from './conflict';
import { type MutationContext, type MutationHandlers, Rejection, applied } from './outcome';

const DECIDED_STATE = { approve: 'approved', decline: 'declined', advice: 'advised' } as const;

/** A therapist's own work-abroad declaration changed: its feed row, and the result. */
const declarationChanged = async (ctx: MutationContext, declarationId: string) =>
  applied(
    await touchFeed(ctx.tx, {
      entity: 'workAbroadDeclaration',
      id: declarationId,
      orgId: ctx.caller.orgId,
      patientId: null,
      therapistId: ctx.caller.userId,
    }),
  );

export const supervisionMutations: Pick<
  MutationHandlers,
  | 'ticket.raise'
  | 'ticket.decide'
  | 'utterance.comment'
  | 'ctsr.rate'
  | 'workAbroad.declare'
  | 'workAbroad.cancel'
> = {
  'ticket.raise': async (ctx, p) => {
    const patient = await requireOwnPatient(ctx.tx, ctx.caller.userId, p.patientId);
    await requireFreshId(ctx.tx, 'tickets', p.ticketId);
    await ctx.tx.query(
      `INSERT INTO tickets (id, patient_id, therapist_id, type, body, state, raised_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)`,
      [p.ticketId, p.patientId, ctx.caller.userId, p.type, p.body, ctx.now.toISOString()],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'ticket',
        id: p.ticketId,
        orgId: patient.org_id,
        patientId: p.patientId,
        therapistId: null,
      }),
    );
  },

  /** open → approved | declined | advised. Deciding twice (two supervisors offline) → conflict. */
  'ticket.decide': async (ctx, p) => {
    const needsReason = ticketDecisionNeedsReason(p.decision, p.comment);
    if (needsReason) throw new Rejection(needsReason);
    const { row: ticket, patient } = await requireRecordInReach<{
      patient_id: string;
      state: string;
    }>(ctx.tx, ctx.caller.userId, { kind: 'ticket', id: p.ticketId }, 'supervised', {
      columns: 'state',
      lock: true,
    });
    if (ticket.state !== 'open')
      return conflictWithStored(
        ctx.tx,
        'ticket',
        p.ticketId,
        () => `This ticket was already decided (${ticket.state}).`,
      );
    await ctx.tx.query(
      `UPDATE tickets SET state = $2, decided_by = $3, decision = $4, decision_comment = $5, decided_at = $6 WHERE id = $1`,
      [
        p.ticketId,
        DECIDED_STATE[p.decision],
        ctx.caller.userId,
        p.decision,
        p.comment,
        ctx.now.toISOString(),
      ],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'ticket',
        id: p.ticketId,
        orgId: patient.org_id,
        patientId: ticket.patient_id,
        therapistId: null,
      }),
    );
  },

  'utterance.comment': async (ctx, p) => {
    const { patient } = await requireRecordInReach(
      ctx.tx,
      ctx.caller.userId,
      { kind: 'transcript', id: p.transcriptId },
      'visible',
    );
    const patientId = patient.id;
    const [utterance] = await ctx.tx.query(
      'SELECT 1 FROM utterances WHERE id = $1 AND transcript_id = $2',
      [p.utteranceId, p.transcriptId],
    );
    if (!utterance) throw new Rejection('That utterance is not part of this transcript.');
    await requireFreshId(ctx.tx, 'utterance_comments', p.commentId);
    await ctx.tx.query(
      `INSERT INTO utterance_comments (id, transcript_id, utterance_id, patient_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        p.commentId,
        p.transcriptId,
        p.utteranceId,
        patientId,
        ctx.caller.userId,
        p.body,
        ctx.now.toISOString(),
      ],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'utteranceComment',
        id: p.commentId,
        orgId: patient.org_id,
        patientId,
        therapistId: null,
      }),
    );
  },

  'ctsr.rate': async (ctx, p) => {
    const { patient } = await requireRecordInReach(
      ctx.tx,
      ctx.caller.userId,
      { kind: 'transcript', id: p.transcriptId },
      'supervised',
    );
    const patientId = patient.id;
    let items: number[];
    try {
      items = completeCtsrScores(p.items);
    } catch (error) {
      if (error instanceof CtsrIncomplete) throw new Rejection(error.message);
      throw error;
    }
    await requireFreshId(ctx.tx, 'ctsr_ratings', p.ratingId);
    const total = items.reduce((a, b) => a + b, 0);
    const itemNotes = p.itemNotes ?? Array.from({ length: CTSR_ITEM_COUNT }, () => '');
    await ctx.tx.query(
      `INSERT INTO ctsr_ratings (id, transcript_id, patient_id, rater_id, items, item_notes, total, comment, created_at) VALUES ($1, $2, $3, $4, $5::int[], $6::text[], $7, $8, $9)`,
      [
        p.ratingId,
        p.transcriptId,
        patientId,
        ctx.caller.userId,
        items,
        itemNotes,
        total,
        p.comment,
        ctx.now.toISOString(),
      ],
    );
    return applied(
      await touchFeed(ctx.tx, {
        entity: 'ctsrRating',
        id: p.ratingId,
        orgId: patient.org_id,
        patientId,
        therapistId: null,
      }),
    );
  },

  /** Working abroad needs an approved country and, for every active patient, an emergency contact. */
  'workAbroad.declare': async (ctx, p) => {
    if (p.to < p.from) throw new Rejection('The end date is before the start date.');
    if (
      !(await isCountryApproved(
        ctx.tx,
        { id: ctx.caller.userId, orgId: ctx.caller.orgId },
        p.country,
      ))
    ) {
      throw new Rejection(`${p.country} is not an approved country for working abroad.`);
    }
    if (!p.patientsInformed || !p.emergencyContactsConfirmed) {
      throw new Rejection(
        'Before working abroad, tell each patient and confirm each local emergency contact.',
      );
    }
    const [missing] = await ctx.tx.query<{ n: number }>(
      `SELECT count(*)::int8 AS n FROM patients p WHERE p.therapist_id = $1 AND p.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM emergency_contacts c WHERE c.patient_id = p.id)`,
      [ctx.caller.userId],
    );
    if (missing && missing.n > 0)
      throw new Rejection(
        `${missing.n} of your active patients have no local emergency contact recorded.`,
      );
    await requireFreshId(ctx.tx, 'work_abroad_declarations', p.declarationId);
    await ctx.tx.query(
      `INSERT INTO work_abroad_declarations (id, therapist_id, country, date_from, date_to, patients_informed, emergency_contacts_confirmed, declared_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        p.declarationId,
        ctx.caller.userId,
        p.country,
        p.from,
        p.to,
        p.patientsInformed,
        p.emergencyContactsConfirmed,
        ctx.now.toISOString(),
      ],
    );
    return declarationChanged(ctx, p.declarationId);
  },

  /** Before its first day (UK date), a therapist may cancel their own plan; it is kept, marked. */
  'workAbroad.cancel': async (ctx, p) => {
    const [trip] = await ctx.tx.query<{ from: string; cancelled: boolean }>(
      `SELECT to_char(date_from, 'YYYY-MM-DD') AS "from", cancelled_at IS NOT NULL AS cancelled
         FROM work_abroad_declarations WHERE id = $1 AND therapist_id = $2 FOR UPDATE`,
      [p.declarationId, ctx.caller.userId],
    );
    // Never says whether someone else's declaration exists.
    if (!trip) throw new Rejection('There is no such planned trip of yours.');
    if (trip.cancelled) throw new Rejection('This trip has already been cancelled.');
    const todayUk = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(ctx.now);
    if (trip.from <= todayUk)
      throw new Rejection(
        `This trip started on ${trip.from}: it can no longer be cancelled. Tell your supervisor if your plans changed.`,
      );
    await ctx.tx.query('UPDATE work_abroad_declarations SET cancelled_at = $2 WHERE id = $1', [
      p.declarationId,
      ctx.now.toISOString(),
    ]);
    return declarationChanged(ctx, p.declarationId);
  },
};
