/**
 * The local store's whole interface, in one file (Signal Desktop's `Interface` idea): every
 * record type, every repository and what each method promises. Implementations live in
 * ./repositories, the schema in ./migrations. Callers (the sync engine, IPC handlers) need
 * only this file and ./open.
 *
 * Server records are kept in shared/api's wire shape. The store trusts what it is given:
 * the sync engine parses every page with shared/api's schemas before writing, and rows read
 * back are what was written. Instants are ISO-8601 strings. Everything is synchronous: the
 * store runs in the core's worker thread, never on the thread that hosts a window.
 */
import type {
  ChangeScope,
  EntityData,
  EntityName,
  EvictionScope,
  Lane,
  MutationKind,
  MutationPayload,
} from '../../../shared/api';

export type { ChangeScope, EntityName, EvictionScope, Lane, MutationKind };
export type Iso8601 = string;
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

// ---- cached server records -------------------------------------------------------------

/** A record as the feed delivers it: `version` is null for an unconfirmed local write. */
export interface CachedRecord<E extends EntityName> {
  readonly id: string;
  readonly version: number | null;
  readonly scope: ChangeScope;
  readonly data: EntityData<E>;
}

/** The entities stored as one JSON record per row; transcripts are split into utterances. */
export type RecordEntity = Exclude<EntityName, 'transcript'>;

export interface EntityCache {
  /**
   * Insert or replace a record (a feed `upsert`, or an optimistic local write with version
   * null). A transcript is stored as its header plus one row per utterance (indexed).
   */
  put<E extends EntityName>(entity: E, record: CachedRecord<E>): void;
  /** A feed `delete`. For a transcript, its utterances go too. */
  remove(entity: EntityName, id: string): boolean;
  get<E extends RecordEntity>(entity: E, id: string): CachedRecord<E> | undefined;
  /** Records of one patient, in insertion order. */
  listForPatient<E extends RecordEntity>(entity: E, patientId: string): CachedRecord<E>[];
  /** Every cached record of an entity (small tables: users, assignments, configuration). */
  list<E extends RecordEntity>(entity: E): CachedRecord<E>[];
  count(entity: EntityName): number;
  /**
   * Every (entity, id, version) of a lane held for a scope, sorted by entity then id
   * (bytewise), optimistic rows (version null) included.
   */
  scopeVersions(scope: ChangeScope, lane: Lane): ScopeVersion[];
  /**
   * This device's side of shared/api's drift check, computed exactly as the server does:
   * per scope, the count and md5 of the sorted `entity:id:version` strings joined by ','.
   * Optimistic rows (version null) are left out: the server does not have them yet.
   */
  scopeChecksums(lane: Lane): LocalScopeChecksum[];
}
export interface LocalScopeChecksum {
  readonly scope: ChangeScope;
  readonly count: number;
  readonly md5: string;
}
export interface ScopeVersion {
  readonly entity: EntityName;
  readonly id: string;
  readonly version: number | null;
}

export interface CaseloadQueries {
  /** Active patients allocated to a therapist, by family then given name. */
  activePatients(therapistId: string): CachedRecord<'patient'>[];
  appointmentsBetween(from: Iso8601, to: Iso8601): CachedRecord<'appointment'>[];
  /**
   * Inbound messages of cached patients with no later outbound one to the same patient
   * (the 48-hour reply rule's facts).
   */
  messagesAwaitingReply(): CachedRecord<'message'>[];
  /** A patient's messages, newest first, a page at a time. */
  messagePage(
    patientId: string,
    beforeSentAt: Iso8601 | null,
    limit: number,
  ): CachedRecord<'message'>[];
}

// ---- transcripts -------------------------------------------------------------------------

export type Speaker = 'therapist' | 'patient';
export interface TranscriptHeader {
  readonly id: string;
  readonly version: number | null;
  readonly patientId: string;
  readonly appointmentId: string;
  readonly therapistId: string;
  readonly startedAt: Iso8601;
  readonly utteranceCount: number;
}
export interface UtteranceRow {
  readonly id: string;
  readonly transcriptId: string;
  readonly seq: number;
  readonly speaker: Speaker;
  readonly text: string;
  readonly sentAt: Iso8601;
}
export interface UtteranceSearchHit {
  readonly utteranceId: string;
  readonly transcriptId: string;
  readonly patientId: string;
  readonly seq: number;
  readonly speaker: Speaker;
  /** The utterance around the matches, which are wrapped in [[ ]]. */
  readonly snippet: string;
}
export interface TranscriptQueries {
  get(id: string): TranscriptHeader | undefined;
  listForPatient(patientId: string): TranscriptHeader[];
  /** Utterances in order after `afterSeq` (use -1 for the start), at most `limit`. */
  utterancePage(transcriptId: string, afterSeq: number, limit: number): UtteranceRow[];
  countUtterances(): number;
  /**
   * Full-text search, newest utterances first (FTS5 walks its index backwards and stops at
   * `limit`, so a common word costs no more than a rare one). The user's words are quoted,
   * the last one matches as a prefix.
   */
  search(text: string, limit: number): UtteranceSearchHit[];
  /**
   * Merge the full-text index. Deleted text lingers in old index segments until a merge;
   * run at idle after evictions so no trace of an evicted patient's words remains.
   */
  compactSearchIndex(): void;
}

// ---- notes: the server's version, this device's draft, and conflict copies ---------------

export interface NoteDraft {
  readonly noteId: string;
  readonly patientId: string;
  readonly appointmentId: string | null;
  readonly kind: string;
  readonly body: string;
  /** The server version the edit started from (null: a note new on this device). */
  readonly baseVersion: number | null;
  readonly savedAt: Iso8601;
}
export interface NoteConflictCopy {
  readonly id: number;
  readonly noteId: string;
  readonly patientId: string;
  readonly body: string;
  readonly version: number | null;
  readonly source: 'this_device' | 'other_device';
  readonly savedAt: Iso8601;
  readonly resolvedAt: Iso8601 | null;
}
export interface NoteDrafts {
  /** Autosave: create or replace the draft. An existing draft keeps its first baseVersion. */
  save(draft: NoteDraft): void;
  get(noteId: string): NoteDraft | undefined;
  listForPatient(patientId: string): NoteDraft[];
  /** The server has the draft (or the therapist discarded it). */
  discard(noteId: string): boolean;
  keepConflictCopy(copy: Omit<NoteConflictCopy, 'id' | 'resolvedAt'>): number;
  listConflictCopies(noteId: string): NoteConflictCopy[];
  resolveConflictCopy(id: number, resolvedAt: Iso8601): void;
  /** Notes with conflict copies the therapist has not merged yet. */
  countNotesInConflict(): number;
}

// ---- sync bookkeeping ------------------------------------------------------------------

export interface SyncCursors {
  get(lane: string): string | null;
  /** Write in the same transaction as the page the cursor follows. */
  set(lane: string, cursor: string, updatedAt: Iso8601): void;
}

export type OutboxStatus = 'pending' | 'sent' | 'rejected';
export interface OutboxEntry {
  /** Device-scoped sequence number: strictly increasing, never reused on this database. */
  readonly seq: number;
  readonly mutationId: string;
  readonly kind: MutationKind;
  /** As enqueued; parse it with shared/api's Mutation before pushing. */
  readonly payload: JsonValue;
  readonly status: OutboxStatus;
  readonly rejectReason: string | null;
  readonly createdAt: Iso8601;
}
export interface NewMutation<K extends MutationKind> {
  /** A UUID (crypto.randomUUID()) naming the mutation across retries. */
  readonly mutationId: string;
  readonly kind: K;
  readonly payload: MutationPayload<K>;
  readonly createdAt: Iso8601;
}
export interface Outbox {
  /**
   * Append a mutation. Throws unless called inside applyInTransaction, so the entry commits
   * or rolls back together with the optimistic change it describes.
   */
  enqueue<K extends MutationKind>(mutation: NewMutation<K>): OutboxEntry;
  /** The oldest pending mutations, in seq order. */
  listPending(limit: number): OutboxEntry[];
  listRejected(): OutboxEntry[];
  /** What must never be lost: pending and rejected entries, in seq order. */
  listUnsettled(): OutboxEntry[];
  markSent(seqs: readonly number[]): void;
  /** A 4xx: keep the entry, with the reason, for the user to see; the queue moves on. */
  markRejected(seq: number, reason: string): void;
  /** Forget entries the server has applied. Their seqs are still never reused. */
  pruneSent(): number;
  /** The highest seq ever issued by this database (0 if none). */
  highestSeq(): number;
  /**
   * Make every later seq greater than `seq` (e.g. the server's lastAppliedSeq). A rebuild
   * that could not read the old sequence already continues above any seq this device can
   * have issued (it jumps to the clock in milliseconds), so a seq is never reused.
   */
  raiseSeqFloor(seq: number): void;
}

/** The session's own state, kept in the encrypted database (values are JSON). */
export interface DeviceSettings {
  get(key: string): unknown;
  set(key: string, value: unknown, updatedAt: Iso8601): void;
  remove(key: string): void;
}

export interface AuditEvent {
  readonly eventId: string;
  readonly action: 'open_patient' | 'open_transcript' | 'open_note' | 'export' | 'sign_in_offline';
  readonly patientId: string | null;
  readonly entityId: string | null;
  readonly occurredAt: Iso8601;
  readonly country: string | null;
}
export interface AuditQueue {
  record(event: AuditEvent): void;
  /** The oldest queued events, each with its queue id. */
  listQueued(limit: number): (AuditEvent & { readonly queueId: number })[];
  /** The server stored them. */
  acknowledge(queueIds: readonly number[]): void;
}

export interface ScopeEviction {
  readonly scope: EvictionScope;
  /** Rows removed, per table. */
  readonly removed: Readonly<Record<string, number>>;
}

export interface Store {
  /** The database file. */
  readonly path: string;
  readonly records: EntityCache;
  readonly caseload: CaseloadQueries;
  readonly transcripts: TranscriptQueries;
  readonly noteDrafts: NoteDrafts;
  readonly cursors: SyncCursors;
  readonly outbox: Outbox;
  readonly audit: AuditQueue;
  readonly settings: DeviceSettings;
  /**
   * Run `fn` in one IMMEDIATE transaction: every store call inside it commits together or
   * not at all (a throw rolls back and rethrows). Nested calls become savepoints.
   */
  applyInTransaction<T>(fn: () => T): T;
  /**
   * Loss of access: remove every local row of the scope in one transaction (records,
   * utterances, drafts, conflict copies). The outbox and audit queue are kept: nothing
   * unsent is dropped silently; the server rejects what it no longer accepts.
   */
  evictScope(scope: EvictionScope): ScopeEviction;
  /** PRAGMA integrity_check: 'ok', or the problems found (slow: checks indexes too). */
  integrityCheck(): string;
  /**
   * PRAGMA quick_check: 'ok', or the problems found. Anything else means: close, and
   * openStore with quickCheckOnOpen 'always' to recover.
   */
  quickCheck(): string;
  /** Fold the WAL into the database file (at idle). */
  checkpoint(): void;
  close(): void;
}

// ---- opening -------------------------------------------------------------------------

export type StoreRecoveryReason = 'corrupt' | 'migration-failed';
/** The database had to be rebuilt: tell the user, then resync. */
export interface StoreRecovery {
  readonly reason: StoreRecoveryReason;
  /** The error behind it, for the support log (no patient data). */
  readonly detail: string;
  /** Pending and rejected outbox entries exported and re-imported into the new store. */
  readonly outboxExported: number;
  /** False when the old outbox itself was unreadable: unsent work may be lost. */
  readonly outboxReadable: boolean;
  /** The outbox export (sealed with the database key), kept until the device is wiped. */
  readonly path: string;
  readonly at: Iso8601;
}

export interface OpenStoreOptions {
  /** The device data directory (keys/device-files). */
  readonly directory: string;
  /** The 32-byte database key; openStore does not keep it (the caller zeroes it). */
  readonly key: Buffer;
  /** A better-sqlite3 native binary to load instead of node_modules' (Electron's ABI). */
  readonly nativeBinding?: string;
  /**
   * When to run PRAGMA quick_check on open (it reads the whole file: about 1–2 s for the
   * 100 MB of a 400k-utterance store). Default 'after-unclean-shutdown': the previous
   * session was killed or crashed (its in-use marker is still there). Run
   * Store.quickCheck() at idle for the rest.
   */
  readonly quickCheckOnOpen?: 'always' | 'after-unclean-shutdown' | 'never';
  readonly now?: () => Date;
}

export interface OpenedStore {
  readonly store: Store;
  /** Null on a normal open; set when the database was rebuilt. */
  readonly recovery: StoreRecovery | null;
}
