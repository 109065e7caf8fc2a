import {
  clinicianContract,
  contractEntries,
  createDispatcher,
  type Dispatcher,
  type EventSpec,
} from '../../../shared/ipc';
import type { CoreWorker } from './core-worker';

export interface CoreBridge {
  /** Validate → forward to the worker → validate the answer. Never throws. */
  readonly dispatcher: Dispatcher;
  /** Events from the core, each parsed against the contract before anyone sees it. */
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
}

const eventSpecs = new Map(
  contractEntries(clinicianContract)
    .filter((entry): entry is typeof entry & { spec: EventSpec } => entry.spec.kind === 'event')
    .map((entry) => [entry.channel, entry.spec]),
);

/** The host side of the core, shared by Electron main and the preview host. */
export function bridgeToCore(
  worker: CoreWorker,
  log: (message: string, error?: unknown) => void,
): CoreBridge {
  const dispatcher = createDispatcher(
    clinicianContract,
    (channel) => (request) => worker.call(channel, request),
    (channel, error) => log(`IPC ${channel} failed`, error),
  );
  return {
    dispatcher,
    onEvent(listener) {
      return worker.onEvent((channel, payload) => {
        const spec = eventSpecs.get(channel);
        const parsed = spec?.payload.safeParse(payload);
        if (!parsed?.success) {
          log(`dropped malformed core event ${channel}`, parsed?.error);
          return;
        }
        listener(channel, parsed.data);
      });
    },
  };
}
