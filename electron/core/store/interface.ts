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
  /**
   * Remove a record. With the feed's `version` it is a feed `delete`, under the same rule as
   * put (mayReplaceLocalRow); without one, a local removal. For a transcript, its utterances
   * go too.
   */
  remove(entity: EntityName, id: string, version?: number): boolean;
  /**
   * The server answered (or the person discarded) the last unanswered change to a record:
   * the server's row kept aside while the change shadowed it takes over again — on a
   * refusal or a discard always, on acceptance when it is at least as new as the accepted
   * change (otherwise the accepted version follows in a pull). A discarded change with no
   * server row behind it takes its optimistic row with it. Nothing happens while another
   * change to the record is still unanswered.
   */
  settleLocalChange(
    entity: EntityName | null,
    subjectId: string,
    outcome:
      | { readonly kind: 'accepted'; readonly version: number | null }
      | { readonly kind: 'refused' }
      | { readonly kind: 'discarded' },
  ): void;
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
   * The server's rows of a scope as this device holds them (what its checksum counts):
   * confirmed rows, and the server's row kept aside wherever an unanswered local change
   * shadows one. Sorted like scopeVersions.
   */
  serverRowsOfScope(
    scope: ChangeScope,
    lane: Lane,
  ): { readonly entity: EntityName; readonly id: string; readonly version: number }[];
  /**
   * This device's side of shared/api's drift check, computed exactly as the server does:
   * per scope, the count and md5 of the sorted `entity:id:version` strings joined by ','.
   * Optimistic rows (version null) are left out: the server does not have them yet; where
   * one shadows a server row (withheld while its change is unanswered), that row counts.
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
  /** The whole utterance (the handler marks the matches in it). */
  readonly text: string;
  readonly sessionStartedAt: string;
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
  /**
   * Keep a version that lost a race. The same note, source and version reported again
   * updates the unresolved copy in place (its newest text) instead of adding another.
   */
  keepConflictCopy(copy: Omit<NoteConflictCopy, 'id' | 'resolvedAt'>): number;
  /**
   * Move the draft's base to a server version the therapist has taken into account (their
   * own accepted save, or the other device's version they merged).
   */
  rebase(noteId: string, baseVersion: number | null): boolean;
  listConflictCopies(noteId: string): NoteConflictCopy[];
  resolveConflictCopy(id: number, resolvedAt: Iso8601): void;
  /** Notes with conflict copies the therapist has not merged yet. */
  countNotesInConflict(): number;
}

/** A supervisor's unfinished CTS-R of one session (null = unscored, never 0). */
export interface CtsrDraft {
  readonly transcriptId: string;
  readonly patientId: string;
  readonly items: readonly (number | null)[];
  readonly itemNotes: readonly string[];
  readonly comment: string;
  readonly savedAt: Iso8601;
}
export interface CtsrDrafts {
  /** Create or replace the draft of a transcript. */
  save(draft: CtsrDraft): void;
  get(transcriptId: string): CtsrDraft | undefined;
  /** Submitted (or abandoned): the draft goes. */
  discard(transcriptId: string): boolean;
}

/** The reply box's words to a patient, typed and not yet queued (one per patient). */
export interface MessageDraft {
  readonly patientId: string;
  readonly body: string;
  /** The refused reply (its outbox seq) these words replace when sent; null: a new reply. */
  readonly resendOf: number | null;
  readonly savedAt: Iso8601;
}
export interface MessageDrafts {
  /** Autosave: create or replace the patient's draft. */
  save(draft: MessageDraft): void;
  get(patientId: string): MessageDraft | undefined;
  /** Patients with a draft waiting (the messages queue shows "draft waiting"). */
  patientsWithDrafts(): Set<string>;
  /** The reply was queued (or the words were cleared): the draft goes. */
  discard(patientId: string): boolean;
}

/** A supervisor's decision on a ticket this device's therapist raised, as noticed by a pull. */
export interface DecisionNotice {
  readonly ticketId: string;
  readonly patientId: string;
  readonly decidedAt: Iso8601;
  readonly noticedAt: Iso8601;
  /** Null: the therapist has not seen it yet. */
  readonly seenAt: Iso8601 | null;
}
export interface DecisionNotices {
  /**
   * Note a decision the first time a pull brings it (later copies change nothing). Returns
   * true when it was new. `seenAt` set: recorded as already seen (a first sync's old news).
   */
  record(notice: DecisionNotice): boolean;
  /** Decisions not seen yet, newest first. */
  listUnseen(limit: number): DecisionNotice[];
  /** Mark these seen; returns how many were unseen. */
  markSeen(ticketIds: readonly string[], seenAt: Iso8601): number;
}

// ---- sync bookkeeping ------------------------------------------------------------------

export interface SyncCursors {
  get(lane: string): string | null;
  /** Write in the same transaction as the page the cursor follows. */
  set(lane: string, cursor: string, updatedAt: Iso8601): void;
}

/**
 * pending: waiting to be sent (or sent, unanswered); held: set aside after the service
 * failed on it repeatedly, waiting for the person to retry or discard it; sent: answered by
 * the server (pruned); rejected: refused by the server, kept for the person to read, edit and
 * re-send, or discard.
 */
export type OutboxStatus = 'pending' | 'held' | 'sent' | 'rejected';
export interface OutboxEntry {
  /** Device-scoped sequence number: strictly increasing, never reused on this database. */
  readonly seq: number;
  readonly mutationId: string;
  readonly kind: MutationKind;
  /** The record the mutation writes (message, note, appointment…), when its payload names one. */
  readonly subjectId: string | null;
  /** As enqueued; parse it with shared/api's Mutation before pushing. */
  readonly payload: JsonValue;
  readonly status: OutboxStatus;
  readonly rejectReason: string | null;
  readonly heldReason: string | null;
  /** What it was, in words, as known when it was refused or held back ("Message to Sam Carter"). */
  readonly summary: string | null;
  /** Push requests that carried it: above 0 it may have reached the server (never edit it). */
  readonly attempts: number;
  /** Consecutive times the service failed on it sent alone. */
  readonly serverFailures: number;
  readonly createdAt: Iso8601;
  readonly updatedAt: Iso8601;
}
export interface NewMutation<K extends MutationKind> {
  /** A UUID (crypto.randomUUID()) naming the mutation across retries. */
  readonly mutationId: string;
  readonly kind: K;
  readonly payload: MutationPayload<K>;
  readonly createdAt: Iso8601;
}
export interface OutboxFigures {
  /** Changes the person made that wait to send: a note's autosaves count as one. */
  readonly pending: number;
  readonly held: number;
  readonly rejected: number;
  /** Changes whenever the refused or held-back entries change (to rebuild their summaries). */
  readonly attentionRevision: number;
}
/** Where the unsettled changes to one record stand (a refusal wins over later changes). */
export interface SubjectState {
  readonly status: Exclude<OutboxStatus, 'sent'>;
  readonly rejectReason: string | null;
}
export interface Outbox {
  /**
   * Append a mutation. Throws unless called inside applyInTransaction, so the entry commits
   * or rolls back together with the optimistic change it describes.
   */
  enqueue<K extends MutationKind>(mutation: NewMutation<K>): OutboxEntry;
  /**
   * Like enqueue, but a newer full version of an unsent change replaces it in place (a note
   * autosave replacing the previous one), as `mayCoalesceInto` allows: same seq and id, the
   * newest payload. Otherwise appends.
   */
  enqueueReplacingUnsent<K extends MutationKind>(mutation: NewMutation<K>): OutboxEntry;
  get(seq: number): OutboxEntry | undefined;
  /**
   * The oldest sendable mutations, in seq order: pending, and not queued behind a held-back
   * change to the same record.
   */
  listPending(limit: number): OutboxEntry[];
  /**
   * listPending, and in the same transaction count each as attempted: from here on it is in
   * flight (it may reach the server), and nothing edits it in place.
   */
  checkOutForPush(limit: number): OutboxEntry[];
  listRejected(): OutboxEntry[];
  listHeld(): OutboxEntry[];
  /** What must never be lost: pending, held and rejected entries, in seq order. */
  listUnsettled(): OutboxEntry[];
  /** Counts, without reading any payload. */
  figures(): OutboxFigures;
  /** Per subject with an unsettled change, where it stands (no payload is read). */
  subjectStates(): Map<string, SubjectState>;
  stateOfSubject(subjectId: string): SubjectState | null;
  /** The server answered (applied, or answered from its record): settled. */
  markSent(seqs: readonly number[]): void;
  /** Our server refused it: keep the entry, with the reason, for the person; the queue moves on. */
  markRejected(seq: number, reason: string, at: Iso8601, summary?: string): void;
  /** The service failed on it, sent alone: returns the consecutive count. */
  recordServerFailure(seq: number): number;
  /** Set aside (visibly) so the changes behind it go through. */
  holdBack(seq: number, reason: string, at: Iso8601, summary?: string): void;
  /**
   * The person asks to try a held-back change again: it and the changes to the same record
   * queued behind it go to the end of the queue, in order, with new seqs (same ids).
   */
  retryHeld(seq: number, at: Iso8601): OutboxEntry[];
  /**
   * Remove a refused or held-back entry on the person's explicit choice (inside a
   * transaction, with its local consequences). Returns it, or undefined if there is none.
   */
  discard(seq: number): OutboxEntry | undefined;
  /**
   * Withdraw a change that was never sent: pending and carried by no push request, so it
   * cannot have reached the server (inside a transaction, with its local consequences).
   * Returns it, or undefined when there is none such: one a push has carried may have been
   * applied, and only the server's answer settles it.
   */
  withdrawUnsent(seq: number): OutboxEntry | undefined;
  /** Forget entries the server has answered. Their seqs are still never reused. */
  pruneSent(): number;
  /** The highest seq ever issued by this database (0 if none). */
  highestSeq(): number;
  /**
   * Make every later seq greater than `seq` (e.g. the server's lastAppliedSeq). A rebuild
   * that could not read the old sequence already continues above any seq this device can
   * have issued (it jumps to the clock in milliseconds), so a seq is never reused.
   */
  raiseSeqFloor(seq: number): void;
  /** How many entries have been read (decoded) since the store opened: a work figure. */
  entriesRead(): number;
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

/** 'durable': flushed to disk at commit. 'refetchable': see Store.applyInTransaction. */
export type Durability = 'durable' | 'refetchable';

export interface Store {
  /** The database file. */
  readonly path: string;
  readonly records: EntityCache;
  readonly caseload: CaseloadQueries;
  readonly transcripts: TranscriptQueries;
  readonly noteDrafts: NoteDrafts;
  readonly ctsrDrafts: CtsrDrafts;
  readonly messageDrafts: MessageDrafts;
  readonly decisionNotices: DecisionNotices;
  readonly cursors: SyncCursors;
  readonly outbox: Outbox;
  readonly audit: AuditQueue;
  readonly settings: DeviceSettings;
  /**
   * Run `fn` in one IMMEDIATE transaction: every store call inside it commits together or
   * not at all (a throw rolls back and rethrows). Nested calls become savepoints.
   *
   * `durability` 'refetchable' is for what the server can send again and nothing else: a
   * page of a lane's first download. Its commit is atomic and survives a crash of the app,
   * but is not flushed to disk on its own (synchronous=NORMAL for that one transaction; the
   * next durable commit flushes it). A power cut may lose the last such pages, page and
   * cursor together, so the device pulls them again. Also for a location attestation the
   * service sent with an answer (the next answer brings another). Never for anything a person
   * wrote.
   */
  applyInTransaction<T>(fn: () => T, durability?: Durability): T;
  /**
   * Loss of access: remove every local row of the scope in the given lanes (default both) in
   * one transaction (records, utterances, drafts, conflict copies). A pull page's eviction
   * removes its own lane's rows only. The outbox and audit queue are kept: nothing unsent is
   * dropped silently; the server rejects what it no longer accepts.
   */
  evictScope(scope: EvictionScope, lanes?: readonly Lane[]): ScopeEviction;
  /** PRAGMA integrity_check: 'ok', or the problems found (slow: checks indexes too). */
  integrityCheck(): string;
  /**
   * PRAGMA quick_check: 'ok', or the problems found. Anything else means: close, and
   * openStore with quickCheckOnOpen 'always' to recover.
   */
  quickCheck(): string;
  /** Fold the WAL into the database file (at idle). */
  checkpoint(): void;
  /** The database's size in bytes (its pages; the WAL aside). */
  sizeInBytes(): number;
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
  /** The rest of the device's local work that was carried over (local-work.ts). */
  readonly kept: {
    /** The device's settings (session, device id and key): the person stays signed in. */
    readonly settings: boolean;
    readonly drafts: number;
    readonly conflictCopies: number;
    readonly auditEvents: number;
    readonly optimisticRecords: number;
  };
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
