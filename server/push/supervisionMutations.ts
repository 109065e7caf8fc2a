import {
  CTSR_ITEM_COUNT,
  CtsrIncomplete,
  completeCtsrScores,
  ticketDecisionNeedsReason,
} from '../../shared/clinical';
import { touchFeed } from '../sync/feed';
import { requireFreshId, requireOwnPatient, requireRecordInReach } from './access';
import { conflictWithStored } from './conflict';
import { type MutationHandlers, Rejection, applied } from './outcome';

const DECIDED_STATE = { approve: 'approved', decline: 'declined', advice: 'advised' } as const;

export const supervisionMutations: Pick<
  MutationHandlers,
  'ticket.raise' | 'ticket.decide' | 'utterance.comment' | 'ctsr.rate'
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
};
