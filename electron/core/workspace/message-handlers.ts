import {
  byReplyDeadline,
  dueInWords,
  type QueuedThreadFacts,
  threadState,
} from '../../../shared/clinical';
import {
  type ClinicianHandlers,
  type LocalMessage,
  type MessageThreadSummary,
  RefusedError,
  type ThreadMessage,
} from '../../../shared/ipc';
import type { Store } from '../store';
import { resendRefused } from '../sync/refused-changes';
import type { CaseReader } from './case-reader';
import { patientName } from './clinical-facts';
import type { WorkspaceContext } from './context';
import { syncStates, undeliveredMessages } from './local-writes';

type Reply = (request: { patientId: string; body: string }) => LocalMessage;

/** Refused replies' outbox entries by message id: what "Edit and send again" replaces. */
function refusedReplies(store: Store): Map<string, number> {
  const bySubject = new Map<string, number>();
  for (const entry of store.outbox.listUnsettled()) {
    if (entry.kind === 'message.send' && entry.status === 'rejected' && entry.subjectId !== null)
      bySubject.set(entry.subjectId, entry.seq);
  }
  return bySubject;
}

/**
 * The messages work queue, a patient's thread, the reply box's draft (one per patient, in the
 * encrypted store) and the reply itself: queued in the same transaction that clears the draft;
 * words that replace a refused reply send it again as a new change (sync/refused-changes.ts).
 */
export function messageHandlers(
  ctx: WorkspaceContext,
  cases: CaseReader,
  writeReply: Reply,
): ClinicianHandlers['messages'] {
  const requirePatient = (patientId: string) => {
    const facts = cases.snapshot().byPatient.get(patientId);
    if (!facts) throw new RefusedError('This patient is not on this device.');
    return facts;
  };
  const draftChanged = (patientId: string): void =>
    ctx.changed(['messageDraft'], [patientId], false);

  const resend = (store: Store, patientId: string, seq: number, body: string): LocalMessage => {
    const entry = store.outbox.get(seq);
    if (entry?.status !== 'rejected')
      throw new RefusedError(
        'That refused reply is no longer waiting (sent again or discarded from the changes list). Choose "Send as a new reply" to send these words.',
      );
    const payload = (entry.payload ?? {}) as { patientId?: unknown };
    if (entry.kind !== 'message.send' || payload.patientId !== patientId)
      throw new RefusedError('That change is not a refused reply to this patient.');
    const newSeq = resendRefused(store, seq, body, ctx.now().toISOString());
    const messageId = (store.outbox.get(newSeq)?.payload as { messageId?: unknown } | null)
      ?.messageId;
    const record = typeof messageId === 'string' ? store.records.get('message', messageId) : null;
    if (!record) throw new Error('The reply sent again has no record.');
    return { ...record.data, syncState: 'pending', rejectedReason: null };
  };

  return {
    queue: () => {
      const store = ctx.store();
      const snap = cases.snapshot();
      const me = ctx.user();
      const nowMs = ctx.now().getTime();
      const drafts = store.messageDrafts.patientsWithDrafts();
      const undelivered = undeliveredMessages(store);
      const openReplies = new Map<string, (typeof snap.deadlines)[number][]>();
      for (const d of snap.deadlines) {
        if (d.kind !== 'message_reply' || d.state === 'done') continue;
        openReplies.set(d.patientId, [...(openReplies.get(d.patientId) ?? []), d]);
      }
      const threads: (QueuedThreadFacts & MessageThreadSummary)[] = [];
      for (const facts of snap.byPatient.values()) {
        const { patient } = facts;
        if (me.role !== 'supervisor' && patient.therapistId !== me.id) continue;
        const hasDraft = drafts.has(patient.id);
        if (facts.messages.length === 0 && !hasDraft) continue;
        const open = openReplies.get(patient.id) ?? [];
        const dueMs = open.map((d) => Date.parse(d.dueAt));
        const firstDue = dueMs.length > 0 ? Math.min(...dueMs) : null;
        const states = facts.messages.flatMap((m) => undelivered.get(m.id) ?? []);
        const reply = states.includes('refused')
          ? 'refused'
          : states.includes('queued')
            ? 'queued'
            : null;
        const replyDueAt = firstDue === null ? null : new Date(firstDue).toISOString();
        const since = open.map((d) => d.triggeredAt).sort()[0] ?? null;
        const lastMessageAt =
          facts.messages
            .map((m) => m.sentAt)
            .sort()
            .at(-1) ?? null;
        threads.push({
          patientId: patient.id,
          name: patientName(patient),
          caseReference: patient.caseReference,
          state: threadState({ replyDueAt, reply, hasDraft }),
          replyDueAt,
          dueWords: firstDue === null ? null : dueInWords(firstDue, nowMs),
          overdue: firstDue !== null && nowMs > firstDue,
          waitingSince: since,
          awaiting: open.length,
          lastMessageAt,
          reply,
          hasDraft,
        });
      }
      return {
        threads: threads
          .sort(byReplyDeadline)
          .map(({ reply: _reply, hasDraft: _hasDraft, ...summary }) => summary),
      };
    },

    thread: ({ patientId, before, limit }) => {
      const store = ctx.store();
      requirePatient(patientId);
      const state = syncStates(store);
      const refused = refusedReplies(store);
      const rows = store.caseload.messagePage(
        patientId,
        before ? new Date(before).toISOString() : null,
        limit + 1,
      );
      return {
        messages: rows.slice(0, limit).map((r): ThreadMessage => ({
          ...r.data,
          ...state(r.id, r.version),
          refusedSeq: refused.get(r.id) ?? null,
        })),
        hasMore: rows.length > limit,
      };
    },

    reply: ({ patientId, body, resendOf }) => {
      requirePatient(patientId);
      const store = ctx.store();
      // One transaction: the reply is queued and the draft goes, or neither.
      const sent = store.applyInTransaction(() => {
        const message =
          resendOf === null
            ? writeReply({ patientId, body })
            : resend(store, patientId, resendOf, body);
        store.messageDrafts.discard(patientId);
        return message;
      });
      ctx.changed(['message', 'messageDraft'], [patientId], true);
      return sent;
    },

    draft: ({ patientId }) => {
      requirePatient(patientId);
      const draft = ctx.store().messageDrafts.get(patientId);
      return draft ? { body: draft.body, resendOf: draft.resendOf, savedAt: draft.savedAt } : null;
    },

    saveDraft: ({ patientId, body, resendOf }) => {
      requirePatient(patientId);
      const store = ctx.store();
      const savedAt = ctx.now().toISOString();
      // Blank words are no draft; the refused reply they would replace stays refused.
      if (body.trim().length === 0) store.messageDrafts.discard(patientId);
      else store.messageDrafts.save({ patientId, body, resendOf, savedAt });
      draftChanged(patientId);
      return { savedAt };
    },
  };
}
