/**
 * The sandboxed preload: exposes window.clinician, one function per entry of the IPC
 * contract, and nothing else. Bundled into one CommonJS file whose only require is
 * 'electron' (a test checks the built file).
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  buildApi,
  clinicianContract,
  type IpcResult,
  type RendererTransport,
} from '../../shared/ipc';

const transport: RendererTransport = {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<IpcResult<unknown>>,
  subscribe(channel, listener) {
    // Never hand the IpcRendererEvent (and its sender) to the page.
    const forward = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('clinician', buildApi(clinicianContract, transport));
