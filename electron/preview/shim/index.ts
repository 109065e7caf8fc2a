/**
 * window.clinician for the browser preview: the same API object as the Electron preload,
 * built from the same contract, carried over a WebSocket to the preview host.
 */
import {
  buildApi,
  clinicianContract,
  type IpcResult,
  type RendererTransport,
} from '../../../shared/ipc';

type Pending = (result: IpcResult<unknown>) => void;

const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__preview/bridge`;
const socket = new WebSocket(socketUrl);
const opened = new Promise<void>((resolve) =>
  socket.addEventListener('open', () => resolve(), { once: true }),
);
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

const unavailable = (message: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'CORE_UNAVAILABLE', message },
});

socket.addEventListener('message', (event: MessageEvent<string>) => {
  let message: {
    type?: string;
    id?: number;
    result?: IpcResult<unknown>;
    channel?: string;
    payload?: unknown;
  };
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  if (message.type === 'result' && typeof message.id === 'number' && message.result) {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  } else if (message.type === 'event' && typeof message.channel === 'string') {
    for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
  }
});

socket.addEventListener('close', () => {
  for (const resolve of pending.values())
    resolve(unavailable('The preview host closed the connection. Restart `npm run preview`.'));
  pending.clear();
});

const transport: RendererTransport = {
  async invoke(channel, request) {
    await opened;
    if (socket.readyState !== WebSocket.OPEN)
      return unavailable('The preview host is not reachable.');
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ type: 'call', id, channel, request }));
    });
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

Object.defineProperty(window, 'clinician', {
  value: buildApi(clinicianContract, transport),
  writable: false,
  configurable: false,
  enumerable: true,
});
