import type { Lane } from '../../../shared/api';
import type { SyncStatus } from '../../../shared/ipc';
import type { ServerClock } from '../clock';
import type { Store } from '../store';
import { applyPullPage } from './apply-page';
import { queueAuditEvents } from './audit-events';
import { type Backoff, fullJitterBackoff } from './backoff';
import { repairDrift } from './drift-repair';
import { pushOutbox } from './push-outbox';
import type { PeopleFirst } from './people-first';
import { QueueFigures } from './queue-figures';
import { decideAfterFailure, type SyncApi } from './sync-api';

export interface SyncEngineOptions {
  readonly store: Store;
  readonly api: SyncApi;
  readonly deviceId: string;
  readonly clock: ServerClock;
  readonly onStatus: (status: SyncStatus) => void;
  readonly onDataChanged: (change: { entities: string[]; patientIds: string[] | null }) => void;
  /**
   * A failure the session must handle: revocation and the end of the sign-in (the engine
   * stops), and the country gate (the session shows the location screen; the engine keeps
   * trying with backoff, so an approval or a return to an approved country resumes sync).
   */
  readonly onStopped?: (error: unknown) => void;
  /**
   * Supervisors' decisions on the signed-in therapist's tickets: `userId` says whose (null:
   * nobody signed in), `onNoticed` hears how many a lane's pull brought for the first time
   * (never at the device's first sync: those are recorded as seen).
   */
  readonly decisionNotices?: {
    readonly userId: () => string | null;
    readonly onNoticed: (count: number) => void;
  };
  /**
   * Before storing a page of the transcripts lane (the background download), wait until the
   * person's calls have gone quiet (people-first.ts): the workspace answers first.
   */
  readonly peopleFirst?: Pick<PeopleFirst, 'quiet'>;
  readonly backoff?: Backoff;
  readonly pageSize?: { core: number; transcripts: number };
  /** Steady-state interval between rounds. */
  readonly intervalMs?: number;
  /** Drift check every this many rounds (at the next quiet one). */
  readonly checksumEvery?: number;
  readonly setTimer?: (fn: () => void, ms: number) => { cancel(): void };
}

const lanes: readonly Lane[] = ['core', 'transcripts'];
/** A local write is pushed this soon: a burst of writes (autosaves) goes in one round. */
export const LOCAL_CHANGE_PUSH_DELAY_MS = 500;

/**
 * Server-authoritative sync: push the outbox (in order, exactly once), then pull the core
 * lane to the end (caseload, appointments, messages, notes, deadlines' facts) before the
 * transcripts lane, so the workspace is usable while transcripts stream. One round at a
 * time; every failure is decided by `decideAfterFailure`, exhaustively; failures back off
 * with jitter, never sooner than the service asked (Retry-After); every change is announced
 * so the UI never polls.
 */
export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly backoff: Backoff;
  private readonly figures: QueueFigures;
  private status: SyncStatus;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private rounds = 0;
  private driftCheckDue = false;
  /** A local change arrived during the round: push again soon after it. */
  private pushSoonAfterRound = false;
  private timer: { cancel(): void; dueAt: number } | null = null;
  private stopped = false;

  constructor(options: SyncEngineOptions) {
    this.o = options;
    this.backoff = options.backoff ?? fullJitterBackoff();
    this.figures = new QueueFigures(options.store);
    this.status = {
      connection: 'online',
      phase: this.isFirstSync() ? 'first-sync' : 'idle',
      lastSyncedAt: null,
      serverTimeOffsetMs: options.clock.offsetMs,
      progress: {
        core: { applied: 0, caughtUp: false },
        transcripts: { applied: 0, caughtUp: false },
      },
      ...this.figures.read(),
      nextAttemptAt: null,
      lastError: null,
    };
  }

  current(): SyncStatus {
    return this.status;
  }

  /** Run a round now (or right after the one in flight). Resolves when it is over. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.cancelTimer();
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

  /**
   * A local write was queued, or the outbox changed by the person's choice: publish the
   * figures (constant work: counts, summaries only when refused or held-back ones changed),
   * and push soon. Not while backing off: the scheduled retry sends it, at the backoff's pace
   * and never before a time the service asked for (Retry-After) — and typing offline does
   * not turn every autosave into an attempt (each attempt makes the entries it carried
   * immutable, so attempts, not keystrokes, would grow the queue).
   */
  localChange(): void {
    this.status = { ...this.status, ...this.figures.read() };
    this.publish();
    if (this.stopped) return;
    if (this.running) {
      this.pushSoonAfterRound = true;
      return;
    }
    if (this.status.phase === 'backing-off') return;
    const soon = this.o.clock.now().getTime() + LOCAL_CHANGE_PUSH_DELAY_MS;
    if (this.timer && this.timer.dueAt <= soon) return;
    this.schedule(LOCAL_CHANGE_PUSH_DELAY_MS);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  /** Wait for the round in flight, if any (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async round(): Promise<void> {
    const { store, api, clock } = this.o;
    try {
      this.update({ phase: this.isFirstSync() ? 'first-sync' : 'pushing', nextAttemptAt: null });
      queueAuditEvents(this.o.store, () => this.o.clock.now().toISOString());
      // The service failing on pushes (a 5xx, a refusal about no change in particular) does
      // not keep incoming messages from arriving: pull anyway, then back off.
      let pushFailure: unknown = null;
      try {
        const pushed = await pushOutbox(store, api, this.o.deviceId, () =>
          clock.now().toISOString(),
        );
        // Accepted changes: the records they wrote. A refusal or a hold (rare) may revert
        // what any view shows: everything is re-read.
        if (pushed.rejected + pushed.conflicts + pushed.heldBack > 0)
          this.o.onDataChanged({ entities: ['*'], patientIds: null });
        else if (pushed.applied > 0)
          this.o.onDataChanged({
            entities: [...pushed.entities],
            patientIds: [...pushed.patientIds],
          });
      } catch (error) {
        const decision = decideAfterFailure(error);
        const serviceAnswered =
          decision.next === 'refused' || (decision.next === 'retry' && decision.serviceFault);
        if (!serviceAnswered) throw error;
        pushFailure = error;
      }
      this.status = { ...this.status, ...this.figures.read() };
      for (const lane of lanes) await this.pullLane(lane);
      if (pushFailure !== null) throw pushFailure;
      this.rounds += 1;
      if (this.rounds % (this.o.checksumEvery ?? 12) === 0) this.driftCheckDue = true;
      // A quiet moment: everything sent, both lanes at the end.
      if (this.driftCheckDue) await this.repair();
      this.failures = 0;
      this.update({
        connection: 'online',
        phase: 'idle',
        lastSyncedAt: clock.now().toISOString(),
        lastError: null,
        ...this.figures.read(),
      });
      this.schedule(
        this.pushSoonAfterRound ? LOCAL_CHANGE_PUSH_DELAY_MS : (this.o.intervalMs ?? 30_000),
      );
      this.pushSoonAfterRound = false;
    } catch (error) {
      this.pushSoonAfterRound = false; // the retry sends it
      this.afterFailure(error);
    }
  }

  private afterFailure(error: unknown): void {
    const decision = decideAfterFailure(error);
    switch (decision.next) {
      case 'stop':
        // The session may already have closed the store (a revoked device is wiped at once).
        this.stop();
        this.update({ phase: 'idle', lastError: decision.message });
        this.o.onStopped?.(error);
        return;
      case 'location':
        // The session shows the location screen; sync resumes by itself once allowed.
        this.o.onStopped?.(error);
        this.backOff(decision.message, false, null);
        return;
      case 'refused':
        // A refusal of a pull or a check, or of a push naming no change: nothing to refuse.
        this.backOff(decision.failure.message, false, null);
        return;
      case 'retry':
        this.backOff(decision.message, decision.offline, decision.notBeforeMs);
        return;
      default:
        return assertNever(decision);
    }
  }

  private backOff(message: string, offline: boolean, notBeforeMs: number | null): void {
    this.failures += 1;
    const delay = Math.max(this.backoff.delayMs(this.failures), notBeforeMs ?? 0);
    this.update({
      connection: offline ? 'offline' : 'online',
      phase: 'backing-off',
      lastError: message,
      nextAttemptAt: new Date(this.o.clock.now().getTime() + delay).toISOString(),
      ...this.figures.read(),
    });
    this.schedule(delay);
  }

  private async pullLane(lane: Lane): Promise<void> {
    const { store, api, clock } = this.o;
    const limit = this.pageSize(lane);
    this.update({ phase: this.isFirstSync() ? 'first-sync' : 'pulling' });
    // One page in flight while the previous one is applied: the server's work and the wire
    // overlap with the local transaction. The client validated each page against shared/api
    // before we see it: a malformed page throws there and the cache is untouched.
    const before = store.cursors.get(lane);
    const userId = lane === 'core' ? (this.o.decisionNotices?.userId() ?? null) : null;
    const rule = userId ? { userId, initial: before === null } : null;
    let noticed = 0;
    let next = api.pull({ lane, after: before ?? '0', limit });
    for (;;) {
      const page = await next;
      if (page.hasMore) {
        next = api.pull({ lane, after: page.nextCursor, limit });
        next.catch(() => undefined); // observed on the next turn of the loop
        // Node's HTTP client writes the request on a later turn of the event loop: give it
        // that turn, or the page's (synchronous) transaction holds the request back and the
        // server waits for us while we apply, then we wait for it.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // The caseload's lane is what the person waits for; transcripts can wait for them.
      if (lane === 'transcripts') await this.o.peopleFirst?.quiet();
      const applied = applyPullPage(
        store,
        page,
        clock.now().toISOString(),
        rule,
        // The lane's first download: nothing in it that the server cannot send again.
        before === null ? 'refetchable' : 'durable',
      );
      noticed += applied.decisionsNoticed;
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
      if (!page.hasMore) {
        // The first download's pages left the WAL to grow: fold it in now, so no person's
        // next write pays for it.
        if (before === null) store.checkpoint();
        // One notice per lane caught up, however many pages the decisions came in.
        if (noticed > 0) this.o.decisionNotices?.onNoticed(noticed);
        return;
      }
    }
  }

  /** Drift repair of every lane whose checksums differ: only the drifted scopes are set right. */
  private async repair(): Promise<void> {
    const { store, api } = this.o;
    for (const lane of lanes) {
      const checksums = await api.checksums(lane);
      const report = await repairDrift(store, api, checksums, this.pageSize(lane));
      if (report.rowsChanged > 0) this.o.onDataChanged({ entities: ['*'], patientIds: null });
    }
    this.driftCheckDue = false;
  }

  private pageSize(lane: Lane): number {
    return this.o.pageSize?.[lane] ?? (lane === 'core' ? 1000 : 50);
  }

  private isFirstSync(): boolean {
    return lanes.some((lane) => this.o.store.cursors.get(lane) === null);
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
    this.cancelTimer();
    const timer = setTimer(() => {
      this.timer = null;
      void this.syncNow();
    }, ms);
    this.timer = { cancel: () => timer.cancel(), dueAt: this.o.clock.now().getTime() + ms };
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    this.publish();
  }

  private publish(): void {
    this.o.onStatus(this.status);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled sync decision: ${JSON.stringify(value)}`);
}
