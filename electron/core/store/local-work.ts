import type { MutationKind } from '../../../shared/api';
import type { Connection } from './connection';
import { entityTables } from './entity-tables';
import type {
  AuditEvent,
  CtsrDraft,
  MessageDraft,
  JsonValue,
  NoteDraft,
  OutboxEntry,
  OutboxStatus,
} from './interface';
import { subjectOf } from './mutation-subject';
import { CTSR_DRAFT_INSERT, ctsrDraftFromRow, ctsrDraftParams } from './repositories/ctsr-drafts';
import { MESSAGE_DRAFT_INSERT, messageDraftFromRow } from './repositories/message-drafts';
import { outbox } from './repositories/outbox';

/**
 * Everything on this device that exists nowhere else and must survive a rebuild of the
 * cache: the unsettled outbox; the device's own settings (the session, the device id and
 * key — without them the next start would find no session and erase the device); note
 * drafts and unresolved conflict copies (what the therapist typed); queued audit events; and
 * the optimistic rows of unsent changes, so the person sees their pending work as before.
 * The rest of the cache is the server's and is pulled again.
 */
export interface LocalWork {
  readonly entries: readonly OutboxEntry[];
  readonly highestSeq: number;
  readonly outboxReadable: boolean;
  /** True when highestSeq is the highest seq ever issued, sent ones included. */
  readonly seqFloorKnown: boolean;
  readonly settings: readonly SettingRow[];
  readonly drafts: readonly NoteDraft[];
  /** A supervisor's unfinished CTS-R ratings (what they scored and wrote). */
  readonly ctsrDrafts: readonly CtsrDraft[];
  /** The reply box's words to each patient, not yet queued. */
  readonly messageDrafts: readonly MessageDraft[];
  readonly conflictCopies: readonly ConflictCopyRow[];
  readonly audit: readonly AuditEvent[];
  readonly optimistic: readonly OptimisticRow[];
  /** What could not be read from the damaged database (table names). */
  readonly unreadable: readonly string[];
}
export interface SettingRow {
  readonly key: string;
  /** JSON text, as stored. */
  readonly value: string;
  readonly updatedAt: string;
}
export interface ConflictCopyRow {
  readonly id: number;
  readonly noteId: string;
  readonly patientId: string;
  readonly body: string;
  readonly version: number | null;
  readonly source: 'this_device' | 'other_device';
  readonly savedAt: string;
}
export interface OptimisticRow {
  readonly table: string;
  readonly id: string;
  readonly scopeKind: string;
  readonly scopeId: string;
  /** JSON text. */
  readonly data: string;
}

export const noLocalWork: LocalWork = {
  entries: [],
  highestSeq: 0,
  outboxReadable: false,
  seqFloorKnown: false,
  settings: [],
  drafts: [],
  ctsrDrafts: [],
  messageDrafts: [],
  conflictCopies: [],
  audit: [],
  optimistic: [],
  unreadable: ['outbox'],
};

const recordTables = Object.values(entityTables).filter((t) => t !== 'transcripts');

/** Best effort, table by table: what a damaged (or older-schema) database still yields. */
export function salvageLocalWork(db: Connection | null): LocalWork {
  if (db === null) return noLocalWork;
  const unreadable: string[] = [];
  const tableExists = (name: string): boolean => {
    try {
      return (
        db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !==
        undefined
      );
    } catch {
      return false;
    }
  };
  const read = <T>(table: string, sql: string, map: (row: Record<string, unknown>) => T): T[] => {
    if (!tableExists(table)) return [];
    for (const attempt of [sql, sql.replace(` FROM ${table}`, ` FROM ${table} NOT INDEXED`)]) {
      try {
        return (db.prepare(attempt).all() as Record<string, unknown>[]).map(map);
      } catch {
        // try without the indexes, then give up on this table
      }
    }
    unreadable.push(table);
    return [];
  };

  const salvaged = salvageOutbox(db, read, tableExists);
  const outboxReadable = !unreadable.includes('outbox');
  const outboxPart = {
    ...salvaged,
    outboxReadable,
    seqFloorKnown: outboxReadable && salvaged.seqFloorKnown,
  };
  const str = (v: unknown): string => String(v);
  return {
    ...outboxPart,
    settings: read(
      'device_settings',
      'SELECT key, value, updated_at FROM device_settings',
      (r) => ({ key: str(r['key']), value: str(r['value']), updatedAt: str(r['updated_at']) }),
    ),
    drafts: read('note_drafts', 'SELECT * FROM note_drafts', (r): NoteDraft => ({
      noteId: str(r['note_id']),
      patientId: str(r['patient_id']),
      appointmentId: r['appointment_id'] === null ? null : str(r['appointment_id']),
      kind: str(r['kind']),
      body: str(r['body']),
      baseVersion: r['base_version'] === null ? null : Number(r['base_version']),
      savedAt: str(r['saved_at']),
    })),
    ctsrDrafts: read('ctsr_drafts', 'SELECT * FROM ctsr_drafts', (r) =>
      ctsrDraftFromRow({
        transcript_id: str(r['transcript_id']),
        patient_id: str(r['patient_id']),
        items: str(r['items']),
        item_notes: str(r['item_notes']),
        comment: str(r['comment']),
        saved_at: str(r['saved_at']),
      }),
    ),
    messageDrafts: read('message_drafts', 'SELECT * FROM message_drafts', (r) =>
      messageDraftFromRow({
        patient_id: str(r['patient_id']),
        body: str(r['body']),
        resend_seq: r['resend_seq'] === null ? null : Number(r['resend_seq']),
        saved_at: str(r['saved_at']),
      }),
    ),
    conflictCopies: read(
      'note_conflict_copies',
      'SELECT * FROM note_conflict_copies WHERE resolved_at IS NULL',
      (r): ConflictCopyRow => ({
        id: Number(r['id']),
        noteId: str(r['note_id']),
        patientId: str(r['patient_id']),
        body: str(r['body']),
        version: r['version'] === null ? null : Number(r['version']),
        source: r['source'] === 'other_device' ? 'other_device' : 'this_device',
        savedAt: str(r['saved_at']),
      }),
    ),
    audit: read('audit_queue', 'SELECT * FROM audit_queue ORDER BY id', (r): AuditEvent => ({
      eventId: str(r['event_id']),
      action: str(r['action']) as AuditEvent['action'],
      patientId: r['patient_id'] === null ? null : str(r['patient_id']),
      entityId: r['entity_id'] === null ? null : str(r['entity_id']),
      occurredAt: str(r['occurred_at']),
      country: r['country'] === null ? null : str(r['country']),
    })),
    optimistic: recordTables.flatMap((table) =>
      read(
        table,
        `SELECT id, scope_kind, scope_id, data FROM ${table} WHERE version IS NULL`,
        (r): OptimisticRow => ({
          table,
          id: str(r['id']),
          scopeKind: str(r['scope_kind']),
          scopeId: str(r['scope_id']),
          data: str(r['data']),
        }),
      ),
    ),
    unreadable: [...outboxPart.unreadable, ...unreadable],
  };
}

function salvageOutbox(
  db: Connection,
  read: <T>(table: string, sql: string, map: (row: Record<string, unknown>) => T) => T[],
  tableExists: (name: string) => boolean,
): Pick<LocalWork, 'entries' | 'highestSeq' | 'outboxReadable' | 'seqFloorKnown' | 'unreadable'> {
  if (!tableExists('outbox'))
    return {
      entries: [],
      highestSeq: 0,
      outboxReadable: true,
      seqFloorKnown: true,
      unreadable: [],
    };
  let failed = false;
  // Columns older schemas lack read as their defaults: an entry that may have been sent
  // counts as attempted, so nothing edits it in place.
  const entries = read(
    'outbox',
    `SELECT * FROM outbox WHERE status IN ('pending', 'held', 'rejected') ORDER BY seq`,
    (r): OutboxEntry => {
      const kind = String(r['kind']) as MutationKind;
      const payload = JSON.parse(String(r['payload'])) as JsonValue;
      const status = String(r['status']) as OutboxStatus;
      const createdAt = String(r['created_at']);
      return {
        seq: Number(r['seq']),
        mutationId: String(r['mutation_id']),
        kind,
        subjectId: typeof r['subject_id'] === 'string' ? r['subject_id'] : subjectOf(kind, payload),
        payload,
        status,
        rejectReason: typeof r['reject_reason'] === 'string' ? r['reject_reason'] : null,
        heldReason: typeof r['held_reason'] === 'string' ? r['held_reason'] : null,
        summary: typeof r['summary'] === 'string' ? r['summary'] : null,
        attempts: typeof r['attempts'] === 'number' ? r['attempts'] : status === 'pending' ? 1 : 0,
        serverFailures: typeof r['server_failures'] === 'number' ? r['server_failures'] : 0,
        createdAt,
        updatedAt: typeof r['updated_at'] === 'string' ? r['updated_at'] : createdAt,
      };
    },
  );
  let highestSeq = entries.reduce((max, e) => Math.max(max, e.seq), 0);
  try {
    const issued: unknown = db
      .prepare(
        `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
                    coalesce((SELECT max(seq) FROM outbox), 0))`,
      )
      .pluck()
      .get();
    highestSeq = Math.max(highestSeq, Number(issued));
  } catch {
    failed = true; // sent entries and the sequence may be beyond what was read
  }
  // An unreadable outbox table is recorded by read() in the caller's list.
  return {
    entries,
    highestSeq,
    outboxReadable: true,
    seqFloorKnown: !failed,
    unreadable: failed ? ['outbox sequence'] : [],
  };
}

/** Put salvaged local work into a freshly built store (idempotent: a re-import adds nothing). */
export function restoreLocalWork(db: Connection, work: LocalWork): void {
  const knownTables = new Set<string>(recordTables);
  db.transaction(() => {
    outbox(db).restore(work.entries, work.highestSeq);
    const setting = db.prepare(
      `INSERT OR REPLACE INTO device_settings (key, value, updated_at) VALUES (?, ?, ?)`,
    );
    for (const s of work.settings) setting.run(s.key, s.value, s.updatedAt);
    const draft = db.prepare(
      `INSERT OR IGNORE INTO note_drafts (note_id, patient_id, appointment_id, kind, body,
         base_version, saved_at)
       VALUES (@noteId, @patientId, @appointmentId, @kind, @body, @baseVersion, @savedAt)`,
    );
    for (const d of work.drafts) draft.run(d);
    const ctsrDraft = db.prepare(CTSR_DRAFT_INSERT.replace('INSERT INTO', 'INSERT OR IGNORE INTO'));
    for (const d of work.ctsrDrafts) ctsrDraft.run(ctsrDraftParams(d));
    const messageDraft = db.prepare(
      MESSAGE_DRAFT_INSERT.replace('INSERT INTO', 'INSERT OR IGNORE INTO'),
    );
    for (const d of work.messageDrafts) messageDraft.run(d);
    const copy = db.prepare(
      `INSERT OR IGNORE INTO note_conflict_copies (id, note_id, patient_id, body, version, source,
         saved_at) VALUES (@id, @noteId, @patientId, @body, @version, @source, @savedAt)`,
    );
    for (const c of work.conflictCopies) copy.run(c);
    const audit = db.prepare(
      `INSERT OR IGNORE INTO audit_queue (event_id, action, patient_id, entity_id, occurred_at,
         country) VALUES (@eventId, @action, @patientId, @entityId, @occurredAt, @country)`,
    );
    for (const a of work.audit) audit.run(a);
    for (const row of work.optimistic) {
      if (!knownTables.has(row.table)) continue;
      db.prepare(
        `INSERT OR IGNORE INTO ${row.table} (id, version, scope_kind, scope_id, data)
         VALUES (@id, NULL, @scopeKind, @scopeId, @data)`,
      ).run(row);
    }
  }).immediate();
}
