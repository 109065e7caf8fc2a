import type {
  AppInfo,
  ClinicianEventChannel,
  ClinicianHandlers,
  EventPayloadOf,
  ClinicianContract,
  SessionStatus,
} from '../../../shared/ipc';

export interface CoreOptions {
  readonly host: AppInfo['host'];
  readonly appName: string;
  readonly appVersion: string;
  readonly platform: string;
  readonly packaged: boolean;
  /** Injected so tests and the sync engine share one notion of now (server-corrected later). */
  readonly now?: () => Date;
}

export type CoreEventListener = <Ch extends ClinicianEventChannel>(
  channel: Ch,
  payload: EventPayloadOf<ClinicianContract, Ch>,
) => void;

export interface ClinicianCore {
  readonly handlers: ClinicianHandlers;
  onEvent(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

/**
 * The app's engine behind the IPC contract. Host-agnostic: the same object runs in the
 * Electron worker thread and in the preview host's worker.
 */
export function createClinicianCore(options: CoreOptions): ClinicianCore {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<CoreEventListener>();
  let session: SessionStatus = { state: 'signed-out', user: null, changedAt: now().toISOString() };

  const emit: CoreEventListener = (channel, payload) => {
    for (const listener of listeners) listener(channel, payload);
  };

  const setSession = (next: Omit<SessionStatus, 'changedAt'>): void => {
    session = { ...next, changedAt: now().toISOString() };
    emit('session.changed', session);
  };

  const handlers: ClinicianHandlers = {
    app: {
      info: () => ({
        name: options.appName,
        version: options.appVersion,
        host: options.host,
        platform: options.platform,
        packaged: options.packaged,
      }),
    },
    session: {
      status: () => session,
    },
  };

  return {
    handlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (session.state !== 'signed-out') setSession({ state: 'signed-out', user: null });
      listeners.clear();
    },
  };
}
