import type { MessagePort } from 'node:worker_threads';
import { type KeyProtection, type KeyStore, KeyUnwrapError } from '../keys';

/**
 * The core's KeyStore when the sealing happens in its host (Electron's safeStorage exists
 * only in the main process): each wrap/unwrap is a message to the host and its answer.
 */
export function hostKeyStore(
  port: MessagePort,
  protection: Exclude<KeyProtection, 'test-seam'>,
): KeyStore & {
  receive(message: { id: number; ok: boolean; data: string }): void;
} {
  const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ask = (op: 'wrap' | 'unwrap', data: Buffer): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ type: 'keystore', id, op, data: data.toString('base64') });
    });
  return {
    protection,
    wrap: (raw) => ask('wrap', raw),
    unwrap: async (sealed) => {
      try {
        return await ask('unwrap', sealed);
      } catch (error) {
        throw new KeyUnwrapError(error instanceof Error ? error.message : String(error));
      }
    },
    receive({ id, ok, data }) {
      const call = pending.get(id);
      pending.delete(id);
      if (!call) return;
      if (ok) call.resolve(Buffer.from(data, 'base64'));
      else call.reject(new Error(data));
    },
  };
}
