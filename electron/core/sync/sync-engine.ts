import type { Lane } from '../../../shared/api';
import type { SyncStatus } from '../../../shared/ipc';
import type { ServerClock } from '../clock';
import type { Store } from '../store';
import { applyPullPage } from './apply-page';
import { type Backoff, fullJitterBackoff } from './backoff';
import { repairDrift } from './checksums';
import { pushOutbox } from './push-outbox';
import { summariseMutation } from './summaries';
import { classifyFailure, failureMessage, isOffline, type SyncApi } from './sync-api';

export interface SyncEngineOptions {
  readonly store: Store;
  readonly api: SyncApi;
  readonly deviceId: string;
  readonly clock: ServerClock;
  readonly onStatus: (status: SyncStatus) => void;
  readonly onDataChanged: (change: { entities: string[]; patientIds: string[] | null }) => void;
  /** A failure that ends syncing (revocation, country gate): the session handles it. */
  readonly onStopped?: (error: unknown) => void;
  readonly backoff?: Backoff;
  readonly pageSize?: { core: number; transcripts: number };
  /** Steady-state interval between rounds. */
  readonly intervalMs?: number;
  /** Drift repair every this many rounds. */
  readonly checksumEvery?: number;
  readonly setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

const lanes: readonly Lane[] = ['core', 'transcripts'];

/**
 * Server-authoritative sync: push the outbox (in order, exactly once), then pull the core
 * lane to the end (caseload, appointments, messages, notes, deadlines' facts) before the
 * transcripts lane, so the workspace is usable while transcripts stream. One round at a
 * time; failures back off with jitter; every change is announced so the UI never polls.
 */
export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly backoff: Backoff;
  private status: SyncStatus;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private rounds = 0;
  private timer: { cancel(): void } | null = null;
  private stopped = false;

  constructor(options: SyncEngineOptions) {
    this.o = options;
    this.backoff = options.backoff ?? fullJitterBackoff();
    const firstSync = lanes.some((lane) => options.store.cursors.get(lane) === null);
    this.status = {
      connection: 'online',
      phase: firstSync ? 'first-sync' : 'idle',
      lastSyncedAt: null,
      serverTimeOffsetMs: options.clock.offsetMs,
      progress: {
        core: { applied: 0, caughtUp: false },
        transcripts: { applied: 0, caughtUp: false },
      },
      pendingChanges: 0,
      rejected: [],
      noteConflicts: 0,
      nextAttemptAt: null,
      lastError: null,
    };
    this.refreshQueueFigures();
  }

  current(): SyncStatus {
    return this.status;
  }

  /** Run a round now (or right after the one in flight). Resolves when it is over. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.timer?.cancel();
    this.timer = null;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  /** A local write was queued: push soon. */
  localChange(): void {
    this.refreshQueueFigures();
    this.publish();
    void this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** Wait for the round in flight, if any (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async round(): Promise<void> {
    const { store, api, clock } = this.o;
    try {
      this.update({ phase: this.isFirstSync() ? 'first-sync' : 'pushing', nextAttemptAt: null });
      this.drainAudit();
      const pushed = await pushOutbox(store, api, this.o.deviceId, () => clock.now().toISOString());
      this.refreshQueueFigures();
      if (pushed.applied + pushed.rejected + pushed.conflicts > 0) {
        this.o.onDataChanged({ entities: ['outbox', 'note'], patientIds: [...pushed.patientIds] });
      }
      for (const lane of lanes) await this.pullLane(lane);
      this.rounds += 1;
      if (this.rounds % (this.o.checksumEvery ?? 12) === 0) await this.repair();
      this.failures = 0;
      this.update({
        connection: 'online',
        phase: 'idle',
        lastSyncedAt: clock.now().toISOString(),
        lastError: null,
      });
      this.schedule(this.o.intervalMs ?? 30_000);
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === 'stop') {
        this.stop();
        this.update({ phase: 'idle', lastError: failureMessage(error) });
        this.o.onStopped?.(error);
        return;
      }
      this.failures += 1;
      const delay = this.backoff.delayMs(this.failures);
      const offline = isOffline(error);
      this.update({
        connection: offline ? 'offline' : this.status.connection,
        phase: 'backing-off',
        lastError: failureMessage(error),
        nextAttemptAt: new Date(clock.now().getTime() + delay).toISOString(),
      });
      this.schedule(delay);
    }
  }

  private async pullLane(lane: Lane): Promise<void> {
    const { store, api, clock } = this.o;
    const limit = this.o.pageSize?.[lane] ?? (lane === 'core' ? 1000 : 50);
    this.update({ phase: this.isFirstSync() ? 'first-sync' : 'pulling' });
    // One page in flight while the previous one is applied: the server's work and the wire
    // overlap with the local transaction. The client validated each page against shared/api
    // before we see it: a malformed page throws there and the cache is untouched.
    let next = api.pull({ lane, after: store.cursors.get(lane) ?? '0', limit });
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        next = api.pull({ lane, after: page.nextCursor, limit });
        next.catch(() => undefined); // observed on the next turn of the loop
      }
      const applied = applyPullPage(store, page, clock.now().toISOString());
      const progress = this.status.progress[lane];
      this.update({
        progress: {
          ...this.status.progress,
          [lane]: { applied: progress.applied + applied.changes, caughtUp: !page.hasMore },
        },
        serverTimeOffsetMs: clock.offsetMs,
      });
      if (applied.changes > 0 || applied.evictions.length > 0) {
        this.o.onDataChanged({
          entities: [...applied.entities],
          patientIds: applied.entities.has('*') ? null : [...applied.patientIds],
        });
      }
      if (applied.evictions.length > 0) store.transcripts.compactSearchIndex();
      if (!page.hasMore) return;
    }
  }

  private async repair(): Promise<void> {
    const { store, api, clock } = this.o;
    for (const lane of lanes) {
      const checksums = await api.checksums(lane);
      if ((store.cursors.get(lane) ?? '0') !== checksums.asOf) continue; // moved on: next time
      const report = repairDrift(store, checksums, clock.now().toISOString());
      if (report.repaired.length + report.evicted.length > 0) {
        this.o.onDataChanged({ entities: ['*'], patientIds: null });
        await this.pullLane(lane);
      }
    }
  }

  /** Audit events become audit.record mutations, in the same transaction as leaving the queue. */
  private drainAudit(): void {
    const { store, clock } = this.o;
    for (;;) {
      const batch = store.audit.listQueued(200);
      if (batch.length === 0) return;
      store.applyInTransaction(() => {
        for (const event of batch) {
          const { queueId: _queueId, ...payload } = event;
          store.outbox.enqueue({
            mutationId: event.eventId,
            kind: 'audit.record',
            payload,
            createdAt: clock.now().toISOString(),
          });
        }
        store.audit.acknowledge(batch.map((e) => e.queueId));
      });
    }
  }

  private isFirstSync(): boolean {
    return lanes.some((lane) => this.o.store.cursors.get(lane) === null);
  }

  private refreshQueueFigures(): void {
    const { store } = this.o;
    const rejected = store.outbox.listRejected().map((entry) => ({
      seq: entry.seq,
      kind: entry.kind,
      summary: summariseMutation(store, entry),
      reason: entry.rejectReason ?? 'Refused by the server.',
      createdAt: entry.createdAt,
    }));
    const pendingChanges = store.outbox.listUnsettled().length - rejected.length;
    const noteConflicts = store.noteDrafts.countNotesInConflict();
    this.status = { ...this.status, rejected, pendingChanges, noteConflicts };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const setTimer =
      this.o.setTimer ??
      ((fn: () => void, delay: number) => {
        const handle = setTimeout(fn, delay);
        handle.unref?.();
        return { cancel: () => clearTimeout(handle) };
      });
    this.timer?.cancel();
    this.timer = setTimer(() => void this.syncNow(), ms);
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.publish();
  }

  private publish(): void {
    this.o.onStatus(this.status);
  }
}
