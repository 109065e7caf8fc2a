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
  z.object({
    type: z.literal('keystore-result'),
    id: z.number().int(),
    ok: z.boolean(),
    /** base64 bytes when ok; the error message otherwise. */
    data: z.string(),
  }),
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
    /** The core refused in words meant for the user (RefusedError), not a failure. */
    refused: z.boolean().optional(),
  }),
  z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('closed') }),
  /** The core asks its host to seal or unseal the database key (safeStorage lives in main). */
  z.object({
    type: z.literal('keystore'),
    id: z.number().int(),
    op: z.enum(['wrap', 'unwrap']),
    data: z.string(),
  }),
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
  /** The device data directory: encrypted database, sealed key, outbox exports. */
  dataDir: z.string().min(1),
  /** The backend used unless the user names another on the sign-in screen. */
  defaultServerUrl: z.string().url(),
  /** Test seam: the device's IANA time zone (the location rule checks it); default the OS's. */
  deviceZone: z.string().optional(),
  /**
   * Test seam: the local address every request to the service leaves from (the development
   * GeoIP table maps loopback ranges to countries, so a test places the device in one).
   */
  localAddress: z.ipv4().optional(),
  /**
   * Test seam: a file holding a number of milliseconds added to the device clock (a test
   * winds the computer's clock forward or back by writing it). Absent: the real clock.
   */
  clockShiftFile: z.string().optional(),
  /** The default backend is the embedded demo: show demo accounts. */
  demo: z.boolean(),
  /**
   * Who seals the database key: the host over messages (Electron safeStorage), or the file
   * test seam (browser preview, tests; refused by packaged builds).
   */
  keyStore: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('host'), protection: z.enum(['os-protected', 'unprotected']) }),
    z.object({ kind: z.literal('file-test-seam') }),
  ]),
});
export type CoreWorkerData = z.infer<typeof CoreWorkerData>;
