import {
  type AppInfo,
  type ClinicianContract,
  type ClinicianEventChannel,
  type ClinicianHandlers,
  type DeviceData,
  type EventPayloadOf,
  RefusedError,
  type SyncStatus,
} from '../../../shared/ipc';
import { dataFreshness, type DataFreshness, serviceConfigFromWire } from '../../../shared/clinical';
import { dataAsOf } from '../sync/data-as-of';
import type { Store } from '../store';
import { peopleFirst } from '../sync/people-first';
import { SyncEngine } from '../sync/sync-engine';
import { signedOutSync, syncHandlers } from '../sync/sync-handlers';
import { createCaseReader } from '../workspace/case-reader';
import type { WorkspaceContext } from '../workspace/context';
import { createGenerations } from '../workspace/generations';
import { noteHandlers } from '../workspace/note-handlers';
import { readHandlers } from '../workspace/read-handlers';
import { recordHandlers } from '../workspace/record-handlers';
import { supervisionHandlers } from '../workspace/supervision-handlers';
import { writeHandlers } from '../workspace/write-handlers';
import { messageHandlers } from '../workspace/message-handlers';
import { coverKeeper, crisisPanel, syncedCover } from './crisis-panel';
import { deadlineNoticeWatch, refusedChangesNoticeWatch } from './desktop-notices';
import { gateEvent, syncStatusWhileClosed } from './patient-data-gate';
import type { SessionPort } from './session-port';
import { tripHandlers } from './trip-handlers';

export interface CoreOptions {
  readonly host: AppInfo['host'];
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly packaged: boolean;
  readonly session: SessionPort;
  /** The device's IANA time zone (for display; deadlines are UTC instants). */
  readonly zone?: string;
  /**
   * The device data directory: the service's urgent-risk cover is saved there so the crisis
   * panel shows it on a locked screen before the database opens. Absent: not saved.
   */
  readonly dataDir?: string;
  /** How often deadlines are checked for falling due (default a minute; tests shorten it). */
  readonly deadlineNoticeEveryMs?: number;
  /** Options for the sync engine (tests shorten intervals). */
  readonly sync?: Partial<
    Pick<
      ConstructorParameters<typeof SyncEngine>[0],
      'intervalMs' | 'pageSize' | 'checksumEvery' | 'backoff'
    >
  >;
}

export type CoreEventListener = <Ch extends ClinicianEventChannel>(
  channel: Ch,
  payload: EventPayloadOf<ClinicianContract, Ch>,
) => void;

export interface ClinicianCore {
  readonly handlers: ClinicianHandlers;
  onEvent(listener: CoreEventListener): () => void;
  /** The running sync engine, if signed in (tests and the benchmark wait on it). */
  syncEngine(): SyncEngine | null;
  /**
   * A person's call reached the core (the host marks each one it dispatches); the returned
   * function says it was answered. The background download gives way to them.
   */
  callBegan(): () => void;
  close(): Promise<void>;
}

/**
 * The app's engine behind the IPC contract, host-agnostic: the same object runs in the
 * Electron worker thread and in the preview host's worker. It wires the session, the sync
 * engine and the workspace queries, and turns their changes into contract events.
 */
export function createClinicianCore(options: CoreOptions): ClinicianCore {
  const { session } = options;
  const listeners = new Set<CoreEventListener>();
  // Every event leaves the core here, through the patient-data gate.
  const emit: CoreEventListener = (channel, payload) => {
    const allowed = gateEvent(channel, payload, session.patientDataOpen());
    if (allowed === null) return;
    for (const listener of listeners) listener(channel, allowed);
  };
  const currentSync = (): SyncStatus => engine?.current() ?? signedOutSync;
  const keepCover = coverKeeper(options.dataDir ?? null);
  const generations = createGenerations();
  let engine: SyncEngine | null = null;
  const people = peopleFirst();
  /** The caseload has been downloaded whole (deadline notices wait for it). */
  let caseloadWhole = false;

  const ctx: WorkspaceContext = {
    store() {
      const store = session.store();
      if (!store || !session.patientDataOpen()) {
        throw new RefusedError(
          session.status().reason ?? 'Patient data is closed: sign in or unlock first.',
        );
      }
      return store;
    },
    user() {
      const user = session.status().user;
      if (!user) throw new RefusedError('Sign in first.');
      return { id: user.id, role: user.role, displayName: user.displayName, orgId: null };
    },
    now: () => session.clock.now(),
    zone: () => options.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    audit: (action, patientId, entityId) => session.audit(action, patientId, entityId),
    changed(entities, patientIds, queued) {
      generations.bump(entities);
      emit('sync.dataChanged', { entities, patientIds });
      if (queued) engine?.localChange();
    },
    generation: (of) => generations.of(of),
  };

  /** Start syncing when a signed-in session has a store and an API; stop when it goes. */
  const reconcileEngine = (): void => {
    const store = session.store();
    const api = session.api();
    const deviceId = session.deviceId();
    if (store && api && deviceId) {
      if (engine) return;
      // Refusals announced on the desktop: those arriving while this session runs (desktop-notices.ts).
      const refusedWatch = refusedChangesNoticeWatch();
      // A caseload downloaded before (offline start) is whole now; a new one once caught up.
      caseloadWhole = store.cursors.get('core') !== null;
      engine = new SyncEngine({
        store,
        api,
        deviceId,
        clock: session.clock,
        peopleFirst: people,
        ...options.sync,
        onStatus: (status) => {
          // After each complete round: the service's cover as synced, for a locked screen.
          if (status.phase === 'idle' && status.lastSyncedAt !== null)
            keepCover(syncedCover(store));
          emit('sync.changed', status);
          if (status.progress.core.caughtUp) caseloadWhole = true;
          const refused = refusedWatch(status.rejected.map((r) => r.seq));
          if (refused) emit('app.notice', { ...refused, desktop: desktopNotices(store) });
        },
        onDataChanged: ({ entities, patientIds }) => {
          generations.bump(entities);
          emit('sync.dataChanged', { entities, patientIds });
        },
        onStopped: (error) => session.syncStopped(error),
        decisionNotices: {
          userId: () => session.status().user?.id ?? null,
          onNoticed: (count) =>
            emit('app.notice', { ...decisionNotice(count), desktop: desktopNotices(store) }),
        },
      });
      void engine.syncNow();
    } else if (engine) {
      engine.stop();
      engine = null;
      caseloadWhole = false;
      generations.bump(['*']);
      emit('sync.changed', signedOutSync);
    }
  };
  const stopFollowing = session.onChange((status) => {
    emit('session.changed', status);
    reconcileEngine();
    // Patient data may have opened or closed: the UI gets the sync status as it may now see it.
    emit('sync.changed', currentSync());
  });
  const stopLocation = session.locationEvents?.((status) => emit('location.changed', status));
  reconcileEngine();

  const cases = createCaseReader(ctx);

  /**
   * Deadlines falling due, announced while the app is open (desktop-notices.ts): a therapist's
   * own caseload (PWP or step 3), checked every minute while patient data is open; a new person signing in
   * starts a new watch (its first look only learns what is already due).
   */
  let deadlineWatch: { userId: string; watch: ReturnType<typeof deadlineNoticeWatch> } | null =
    null;
  const checkDeadlines = (): void => {
    const user = session.status().user;
    const clinician = user?.role === 'pwp' || user?.role === 'therapist';
    if (!user || !clinician || !session.patientDataOpen()) return;
    // Not before the caseload is whole: a first download's backlog is not news (Today has it).
    if (!caseloadWhole) return;
    if (deadlineWatch?.userId !== user.id)
      deadlineWatch = { userId: user.id, watch: deadlineNoticeWatch() };
    const notice = deadlineWatch.watch(cases.snapshot().deadlines, ctx.now());
    if (notice) emit('app.notice', { ...notice, desktop: desktopNotices(ctx.store()) });
  };
  const deadlineTimer = setInterval(() => {
    try {
      checkDeadlines();
    } catch {
      // Patient data closed between the check and the read: the next minute tries again.
    }
  }, options.deadlineNoticeEveryMs ?? 60_000);
  deadlineTimer.unref?.();
  const reads = readHandlers(ctx, cases);
  const writes = writeHandlers(ctx, cases);
  const records = recordHandlers(ctx, cases);

  const handlers: ClinicianHandlers = {
    app: {
      info: () => ({
        name: options.appName,
        version: options.appVersion,
        host: options.host,
        platform: options.platform,
        packaged: options.packaged,
      }),
      notificationSettings: () => ({ desktop: desktopNotices(ctx.store()) }),
      setNotificationSettings: ({ desktop }) => {
        ctx.store().settings.set(DESKTOP_NOTICES, desktop, ctx.now().toISOString());
        return { desktop };
      },
      deviceData: () => deviceData(ctx.store()),
    },
    session: session.handlers.session,
    location: {
      ...session.handlers.location,
      // Checked: the outbox and the feed go at once (a refused country only backs off).
      // A plan is queued: the figures and a push soon, like any local change.
      declareWorkAbroad: (plan) => {
        const planned = session.handlers.location.declareWorkAbroad(plan);
        ctx.changed(['workAbroadDeclaration'], null, true);
        return planned;
      },
      cancelTrip: (request) => {
        const cancelled = session.handlers.location.cancelTrip(request);
        ctx.changed(['workAbroadDeclaration'], null, true);
        return cancelled;
      },
      ...tripHandlers(
        ctx,
        cases,
        () => {
          const store = session.store();
          if (!store) throw new RefusedError('Unlock the app first.');
          return store;
        },
        (patientId, body) => {
          const sent = writes.messages.reply({ patientId, body });
          // The reply writer is synchronous: it must join the caller's transaction.
          if (sent instanceof Promise) throw new Error('A reply must be written synchronously.');
          return sent;
        },
      ),
      checkAgain: async () => {
        const check = await session.handlers.location.checkAgain({});
        if (check.serviceReached) void engine?.syncNow();
        return check;
      },
    },
    sync: {
      ...syncHandlers(ctx, () => engine),
      status: () =>
        session.patientDataOpen() ? currentSync() : syncStatusWhileClosed(currentSync()),
      freshness: () => {
        const store = ctx.store();
        const config = serviceConfigFromWire(store.records.list('serviceConfig')[0]?.data);
        const hours = config.cache.staleDataWarningHours;
        return {
          staleAfterHours: hours,
          ...freshnessView(
            dataFreshness(dataAsOf(store), ctx.now().toISOString(), hours, {
              deviceZone: ctx.zone(),
            }),
          ),
        };
      },
    },
    // Answers in every state: the service's numbers always, a patient's contacts only open.
    crisis: {
      panel: ({ patientId }) => {
        const store = session.store();
        const panel = crisisPanel({
          store,
          dataDir: options.dataDir ?? null,
          patientDataOpen: session.patientDataOpen(),
          now: session.clock.now(),
          patientId,
        });
        if (panel.source === 'synced') keepCover(syncedCover(store));
        return panel;
      },
    },
    caseload: reads.caseload,
    patients: { ...reads.patients, ...writes.patients },
    deadlines: reads.deadlines,
    appointments: { ...records.appointments, ...writes.appointments },
    measures: writes.measures,
    messages: messageHandlers(ctx, cases, writes.messages.reply),
    notes: noteHandlers(ctx, cases),
    tickets: { ...records.tickets, ...writes.tickets },
    transcripts: records.transcripts,
    hours: records.hours,
    supervision: supervisionHandlers(ctx, cases),
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncEngine: () => engine,
    callBegan: () => people.begin(),
    async close() {
      clearInterval(deadlineTimer);
      stopFollowing();
      stopLocation?.();
      engine?.stop();
      await engine?.idle();
      engine = null;
      await session.close();
      listeners.clear();
    },
  };
}

const DESKTOP_NOTICES = 'notifications.desktop';
/** Desktop notifications are on unless the person turned them off on this device. */
const desktopNotices = (store: Store): boolean => store.settings.get(DESKTOP_NOTICES) !== false;

/** What the encrypted copy holds, for Settings: its size and the records of each kind. */
export function deviceData(store: Store): DeviceData {
  const count = (entity: Parameters<Store['records']['count']>[0]): number =>
    store.records.count(entity);
  return {
    databaseBytes: store.sizeInBytes(),
    kinds: [
      { kind: 'patients', count: count('patient') },
      { kind: 'appointments', count: count('appointment') },
      { kind: 'messages', count: count('message') },
      { kind: 'notes', count: count('note') },
      { kind: 'measures', count: count('measure') },
      { kind: 'tickets', count: count('ticket') },
      { kind: 'transcripts', count: count('transcript') },
      { kind: 'utterances', count: store.transcripts.countUtterances() },
      { kind: 'emergencyContacts', count: count('emergencyContact') },
    ],
  };
}

/** The notice of new decisions: a count, never a patient (it may reach the OS notifications). */
export function decisionNotice(count: number): { level: 'info'; message: string } {
  return {
    level: 'info',
    message:
      count === 1
        ? 'Your supervisor decided 1 ticket. See Today.'
        : `Your supervisor decided ${count} tickets. See Today.`,
  };
}

const freshnessView = (f: DataFreshness) => ({
  dataAsOf: f.asOf,
  stale: f.stale,
  sentence: f.sentence,
  warning: f.warning,
});
