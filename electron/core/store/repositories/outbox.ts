import type { MutationKind } from '../../../../shared/api';
import type { Connection } from '../connection';
import type {
  JsonValue,
  NewMutation,
  Outbox,
  OutboxEntry,
  OutboxFigures,
  OutboxStatus,
  SubjectState,
} from '../interface';
import { subjectOf } from '../mutation-subject';
import { mayCoalesceInto } from '../outbox-policy';

const entryColumns = `seq, mutation_id AS mutationId, kind, subject_id AS subjectId, payload, status,
  reject_reason AS rejectReason, held_reason AS heldReason, summary, attempts,
  server_failures AS serverFailures, created_at AS createdAt, updated_at AS updatedAt`;

interface RawEntry {
  readonly seq: number;
  readonly mutationId: string;
  readonly kind: string;
  readonly subjectId: string | null;
  readonly payload: string;
  readonly status: string;
  readonly rejectReason: string | null;
  readonly heldReason: string | null;
  readonly summary: string | null;
  readonly attempts: number;
  readonly serverFailures: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export class OutboxOutsideTransactionError extends Error {
  override readonly name = 'OutboxOutsideTransactionError';
  constructor() {
    super('outbox.enqueue must run inside applyInTransaction, with the change it describes.');
  }
}

/** Entries that never left the device and may still be edited: at most this many per read. */
const UNSETTLED = `status IN ('pending', 'held', 'rejected')`;

export function outbox(db: Connection): Outbox & {
  /** Recovery only: put back exported entries with their original seq (idempotent). */
  restore(entries: readonly OutboxEntry[], highestSeq: number): number;
} {
  // Every entry read is decoded here, and counted: the growth test and the benchmark check
  // that an autosave's work does not grow with the queue.
  let decoded = 0;
  const decode = (raw: unknown): OutboxEntry => {
    decoded += 1;
    const row = raw as RawEntry;
    return {
      ...row,
      kind: row.kind as MutationKind,
      status: row.status as OutboxStatus,
      payload: JSON.parse(row.payload) as JsonValue,
    };
  };
  // Bumped whenever the set of entries needing the person's attention (refused or held back)
  // changes, so the engine rebuilds their summaries only then.
  let attentionRevision = 0;
  const attentionChanged = (): void => void (attentionRevision += 1);

  const insert = db.prepare(
    `INSERT INTO outbox (mutation_id, kind, subject_id, payload, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING ${entryColumns}`,
  );
  const replacePayload = db.prepare(
    `UPDATE outbox SET payload = ?, updated_at = ? WHERE seq = ? AND status = 'pending'
       AND attempts = 0 RETURNING ${entryColumns}`,
  );
  const latestOfSubject = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE subject_id = ? AND ${UNSETTLED}
     ORDER BY seq DESC LIMIT 1`,
  );
  const bySeq = db.prepare(`SELECT ${entryColumns} FROM outbox WHERE seq = ?`);
  // Sendable: pending, and not queued behind a held-back change to the same record (which
  // must go first, or be discarded, for the record to end up right).
  const pending = db.prepare(
    `SELECT ${entryColumns} FROM outbox AS o WHERE status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM outbox AS h WHERE h.status = 'held'
                        AND h.subject_id = o.subject_id AND h.seq < o.seq)
     ORDER BY seq LIMIT ?`,
  );
  const byStatus = db.prepare(`SELECT ${entryColumns} FROM outbox WHERE status = ? ORDER BY seq`);
  const unsettled = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE ${UNSETTLED} ORDER BY seq`,
  );
  // Changes waiting are counted as the person made them: a note's autosaves are one change
  // (edits of that note), however many entries pushes split them into; anything else counts
  // once per entry.
  const figures = db.prepare(
    `SELECT count(*) FILTER (WHERE status = 'pending' AND kind <> 'note.save')
              + count(DISTINCT subject_id) FILTER (WHERE status = 'pending' AND kind = 'note.save')
              AS pending,
            count(*) FILTER (WHERE status = 'held') AS held,
            count(*) FILTER (WHERE status = 'rejected') AS rejected
     FROM outbox WHERE ${UNSETTLED}`,
  );
  const subjectStates = db.prepare(
    `SELECT subject_id AS subjectId, status, reject_reason AS rejectReason FROM outbox
     WHERE ${UNSETTLED} AND subject_id IS NOT NULL ORDER BY seq`,
  );
  const subjectState = db.prepare(
    `SELECT status, reject_reason AS rejectReason FROM outbox
     WHERE subject_id = ? AND ${UNSETTLED} ORDER BY seq`,
  );
  const checkOut = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1 WHERE seq = ? AND status = 'pending'`,
  );
  const markSent = db.prepare(
    `UPDATE outbox SET status = 'sent', server_failures = 0 WHERE seq = ? AND status = 'pending'`,
  );
  const markRejected = db.prepare(
    `UPDATE outbox SET status = 'rejected', reject_reason = ?, held_reason = NULL,
       summary = coalesce(?, summary), updated_at = ? WHERE seq = ?`,
  );
  const serverFailure = db.prepare(
    `UPDATE outbox SET server_failures = server_failures + 1 WHERE seq = ? AND status = 'pending'
     RETURNING server_failures`,
  );
  const hold = db.prepare(
    `UPDATE outbox SET status = 'held', held_reason = ?, summary = coalesce(?, summary),
       updated_at = ? WHERE seq = ? AND status = 'pending'`,
  );
  const subjectQueue = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE subject_id = ? AND status IN ('pending', 'held')
     ORDER BY seq`,
  );
  const remove = db.prepare('DELETE FROM outbox WHERE seq = ?');
  // Carried by no push request (attempts = 0): it cannot have reached the server.
  const withdraw = db.prepare(
    `DELETE FROM outbox WHERE seq = ? AND status = 'pending' AND attempts = 0
     RETURNING ${entryColumns}`,
  );
  const reinsert = db.prepare(
    `INSERT INTO outbox (mutation_id, kind, subject_id, payload, status, attempts, created_at,
       updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?) RETURNING ${entryColumns}`,
  );
  const prune = db.prepare(`DELETE FROM outbox WHERE status = 'sent'`);
  const highest = db
    .prepare(
      `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
                  coalesce((SELECT max(seq) FROM outbox), 0))`,
    )
    .pluck();
  const setSequence = db.prepare(`UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'`);
  const insertSequence = db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)`);
  const restoreEntry = db.prepare(
    `INSERT OR IGNORE INTO outbox (seq, mutation_id, kind, subject_id, payload, status,
       reject_reason, held_reason, summary, attempts, server_failures, created_at, updated_at)
     VALUES (@seq, @mutationId, @kind, @subjectId, @payload, @status, @rejectReason, @heldReason,
       @summary, @attempts, @serverFailures, @createdAt, @updatedAt)`,
  );

  const highestSeq = (): number => Number(highest.get());
  const raiseSeqFloor = db.transaction((seq: number) => {
    if (highestSeq() >= seq) return;
    if (setSequence.run(seq).changes === 0) insertSequence.run(seq);
  });
  const requireTransaction = (): void => {
    if (!db.inTransaction) throw new OutboxOutsideTransactionError();
  };
  const append = <K extends MutationKind>(mutation: NewMutation<K>): OutboxEntry =>
    decode(
      insert.get(
        mutation.mutationId,
        mutation.kind,
        subjectOf(mutation.kind, mutation.payload),
        JSON.stringify(mutation.payload),
        mutation.createdAt,
        mutation.createdAt,
      ),
    );
  const get = (seq: number): OutboxEntry | undefined => {
    const raw = bySeq.get(seq);
    return raw === undefined ? undefined : decode(raw);
  };

  return {
    enqueue: (mutation) => {
      requireTransaction();
      return append(mutation);
    },
    enqueueReplacingUnsent: (mutation) => {
      requireTransaction();
      const subject = subjectOf(mutation.kind, mutation.payload);
      const raw = subject === null ? undefined : latestOfSubject.get(subject);
      const latest = raw === undefined ? undefined : decode(raw);
      if (latest && mayCoalesceInto(latest, mutation)) {
        const replaced = replacePayload.get(
          JSON.stringify(mutation.payload),
          mutation.createdAt,
          latest.seq,
        );
        if (replaced !== undefined) return decode(replaced);
      }
      return append(mutation);
    },
    get,
    listPending: (limit) => pending.all(limit).map(decode),
    listRejected: () => byStatus.all('rejected').map(decode),
    listHeld: () => byStatus.all('held').map(decode),
    listUnsettled: () => unsettled.all().map(decode),
    figures: (): OutboxFigures => {
      const row = figures.get() as { pending: number; held: number; rejected: number };
      return { ...row, attentionRevision };
    },
    subjectStates: () => {
      const states = new Map<string, SubjectState>();
      for (const raw of subjectStates.all()) {
        const row = raw as SubjectState & { subjectId: string };
        // A refused change stays the record's state until the person deals with it.
        if (states.get(row.subjectId)?.status === 'rejected') continue;
        states.set(row.subjectId, { status: row.status, rejectReason: row.rejectReason });
      }
      return states;
    },
    stateOfSubject: (subjectId) => {
      const rows = subjectState.all(subjectId) as SubjectState[];
      return rows.find((row) => row.status === 'rejected') ?? rows.at(-1) ?? null;
    },
    checkOutForPush: db.transaction((limit: number): OutboxEntry[] => {
      const batch = pending.all(limit).map(decode);
      for (const entry of batch) checkOut.run(entry.seq);
      return batch.map((entry) => ({ ...entry, attempts: entry.attempts + 1 }));
    }),
    markSent: db.transaction((seqs: readonly number[]) => {
      for (const seq of seqs) markSent.run(seq);
    }),
    markRejected: (seq, reason, at, summary) => {
      if (markRejected.run(reason, summary ?? null, at, seq).changes === 0)
        throw new Error(`No outbox entry ${seq}.`);
      attentionChanged();
    },
    recordServerFailure: (seq) => {
      const count: unknown = serverFailure.pluck().get(seq);
      return typeof count === 'number' ? count : 0;
    },
    holdBack: (seq, reason, at, summary) => {
      if (hold.run(reason, summary ?? null, at, seq).changes > 0) attentionChanged();
    },
    retryHeld: db.transaction((seq: number, at: string): OutboxEntry[] => {
      const held = get(seq);
      if (held?.status !== 'held') return [];
      // The server has applied changes queued after this one, so its old seq would now read
      // as a replay: it and every change to the same record queued behind it go to the end
      // of the queue, in their order, with new seqs (same mutation ids: exactly once still).
      const queue = held.subjectId === null ? [held] : subjectQueue.all(held.subjectId).map(decode);
      for (const entry of queue) remove.run(entry.seq);
      const requeued = queue.map((entry) =>
        decode(
          reinsert.get(
            entry.mutationId,
            entry.kind,
            entry.subjectId,
            JSON.stringify(entry.payload),
            entry.attempts,
            entry.createdAt,
            at,
          ),
        ),
      );
      attentionChanged();
      return requeued;
    }),
    discard: (seq) => {
      requireTransaction();
      const entry = get(seq);
      if (entry === undefined || (entry.status !== 'rejected' && entry.status !== 'held'))
        return undefined;
      remove.run(seq);
      attentionChanged();
      return entry;
    },
    withdrawUnsent: (seq) => {
      requireTransaction();
      const raw = withdraw.get(seq);
      return raw === undefined ? undefined : decode(raw);
    },
    pruneSent: () => prune.run().changes,
    highestSeq,
    raiseSeqFloor: (seq) => raiseSeqFloor(seq),
    entriesRead: () => decoded,
    restore: db.transaction((entries: readonly OutboxEntry[], highestSeqSeen: number) => {
      let restored = 0;
      for (const e of entries) {
        restored += restoreEntry.run({
          ...e,
          subjectId: e.subjectId ?? subjectOf(e.kind, e.payload),
          payload: JSON.stringify(e.payload),
          heldReason: e.status === 'held' ? (e.heldReason ?? 'Held back.') : null,
          summary: e.summary ?? null,
        }).changes;
      }
      raiseSeqFloor(highestSeqSeen);
      if (restored > 0) attentionChanged();
      return restored;
    }),
  };
}
