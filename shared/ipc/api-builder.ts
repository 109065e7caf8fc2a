import type { ContractShape } from './define';
import { contractEntries } from './define';
import type { IpcResult } from './result';
import type { ApiOf, Unsubscribe } from './types';

/**
 * How a renderer-side API reaches the core: Electron's ipcRenderer in the preload, a
 * WebSocket in the browser preview. Both get the same API object from buildApi().
 */
export interface RendererTransport {
  invoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

/** One function per contract entry, grouped by namespace, frozen. */
export function buildApi<C extends ContractShape>(
  contract: C,
  transport: RendererTransport,
): ApiOf<C> {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { channel, namespace, name, spec } of contractEntries(contract)) {
    const group = (api[namespace] ??= {});
    group[name] =
      spec.kind === 'method'
        ? (request: unknown = {}) => transport.invoke(channel, request)
        : (listener: (payload: unknown) => void) => {
            if (typeof listener !== 'function')
              throw new TypeError(`${channel}: listener must be a function`);
            return transport.subscribe(channel, listener);
          };
  }
  for (const group of Object.values(api)) Object.freeze(group);
  return Object.freeze(api) as ApiOf<C>;
}
