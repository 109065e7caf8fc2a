import { z } from 'zod';

/**
 * Messages between a host (Electron main or the preview host) and the core's worker
 * thread. Requests are already parsed by the host's dispatcher; this protocol is private
 * to one process, so it is checked for shape, not for meaning.
 */
export const HostToWorker = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    channel: z.string(),
    request: z.unknown(),
  }),
  z.object({ type: z.literal('close') }),
]);
export type HostToWorker = z.infer<typeof HostToWorker>;

export const WorkerToHost = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    message: z.string(),
  }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('closed') }),
]);
export type WorkerToHost = z.infer<typeof WorkerToHost>;

export const CoreWorkerData = z.object({
  host: z.enum(['electron', 'preview']),
  appName: z.string(),
  appVersion: z.string(),
  platform: z.string(),
  packaged: z.boolean(),
  /** Electron's own build of the SQLite binding (Node and Electron ABIs differ); absent under Node. */
  nativeBinding: z.string().optional(),
});
export type CoreWorkerData = z.infer<typeof CoreWorkerData>;
