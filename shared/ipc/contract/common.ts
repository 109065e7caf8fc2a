import { z } from 'zod';

/** Requests that carry nothing are still parsed: a renderer cannot smuggle fields in. */
export const NoArguments = z.strictObject({});
export const Id = z.uuid();
export const Instant = z.iso.datetime({ offset: true });
/** Page sizes the UI may ask for: the renderer never holds a whole history in memory. */
export const pageLimit = (max: number, fallback: number) =>
  z.int().min(1).max(max).default(fallback);
export const Ack = z.strictObject({ ok: z.literal(true) });

/** A local write's place in the sync pipeline; a rejected one stays visible with its reason. */
export const SyncState = z.enum(['synced', 'pending', 'rejected']);
export const LocalWrite = z.strictObject({
  syncState: SyncState,
  rejectedReason: z.string().nullable(),
});
