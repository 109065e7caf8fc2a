import type { MutationKind } from '../../../../shared/api';
import type { Connection } from '../connection';
import type { JsonValue, Outbox, OutboxEntry, OutboxStatus } from '../interface';

const entryColumns = `seq, mutation_id AS mutationId, kind, payload, status,
  reject_reason AS rejectReason, created_at AS createdAt`;

interface RawEntry {
  readonly seq: number;
  readonly mutationId: string;
  readonly kind: string;
  readonly payload: string;
  readonly status: string;
  readonly rejectReason: string | null;
  readonly createdAt: string;
}

export function decodeOutboxEntry(raw: unknown): OutboxEntry {
  const row = raw as RawEntry;
  return {
    ...row,
    kind: row.kind as MutationKind,
    status: row.status as OutboxStatus,
    payload: JSON.parse(row.payload) as JsonValue,
  };
}

export class OutboxOutsideTransactionError extends Error {
  override readonly name = 'OutboxOutsideTransactionError';
  constructor() {
    super('outbox.enqueue must run inside applyInTransaction, with the change it describes.');
  }
}

export function outbox(db: Connection): Outbox & {
  /** Recovery only: put back exported entries with their original seq (idempotent). */
  restore(entries: readonly OutboxEntry[], highestSeq: number): number;
} {
  const enqueue = db.prepare(
    `INSERT INTO outbox (mutation_id, kind, payload, created_at) VALUES (?, ?, ?, ?)
     RETURNING ${entryColumns}`,
  );
  const pending = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?`,
  );
  const rejected = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE status = 'rejected' ORDER BY seq`,
  );
  const unsettled = db.prepare(
    `SELECT ${entryColumns} FROM outbox WHERE status IN ('pending', 'rejected') ORDER BY seq`,
  );
  const markSent = db.prepare(
    `UPDATE outbox SET status = 'sent' WHERE seq = ? AND status = 'pending'`,
  );
  const markRejected = db.prepare(
    `UPDATE outbox SET status = 'rejected', reject_reason = ? WHERE seq = ?`,
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
    `INSERT OR IGNORE INTO outbox (seq, mutation_id, kind, payload, status, reject_reason,
       created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  const highestSeq = (): number => Number(highest.get());
  const raiseSeqFloor = db.transaction((seq: number) => {
    if (highestSeq() >= seq) return;
    if (setSequence.run(seq).changes === 0) insertSequence.run(seq);
  });

  return {
    enqueue: (mutation) => {
      if (!db.inTransaction) throw new OutboxOutsideTransactionError();
      return decodeOutboxEntry(
        enqueue.get(
          mutation.mutationId,
          mutation.kind,
          JSON.stringify(mutation.payload),
          mutation.createdAt,
        ),
      );
    },
    listPending: (limit) => pending.all(limit).map(decodeOutboxEntry),
    listRejected: () => rejected.all().map(decodeOutboxEntry),
    listUnsettled: () => unsettled.all().map(decodeOutboxEntry),
    markSent: db.transaction((seqs: readonly number[]) => {
      for (const seq of seqs) markSent.run(seq);
    }),
    markRejected: (seq, reason) => {
      if (markRejected.run(reason, seq).changes === 0) throw new Error(`No outbox entry ${seq}.`);
    },
    pruneSent: () => prune.run().changes,
    highestSeq,
    raiseSeqFloor: (seq) => raiseSeqFloor(seq),
    restore: db.transaction((entries: readonly OutboxEntry[], highestSeqSeen: number) => {
      let restored = 0;
      for (const e of entries) {
        restored += restoreEntry.run(
          e.seq,
          e.mutationId,
          e.kind,
          JSON.stringify(e.payload),
          e.status,
          e.rejectReason,
          e.createdAt,
        ).changes;
      }
      raiseSeqFloor(highestSeqSeen);
      return restored;
    }),
  };
}
