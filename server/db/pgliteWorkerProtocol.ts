import { z } from 'zod';

/**
 * The messages between the server's thread and PGlite's worker (pglite-worker.ts). Both
 * sides validate what they receive: a malformed message is a bug, and fails loudly.
 */
export const WorkerOptions = z.object({
  dataDir: z.string().min(1).optional(),
  /** A PGlite data-directory dump (`dumpDataDir`) to start from. */
  image: z.instanceof(ArrayBuffer).optional(),
});
export type WorkerOptions = z.infer<typeof WorkerOptions>;

export const WorkerRequest = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('query'),
    id: z.number().int(),
    sql: z.string(),
    params: z.array(z.unknown()).optional(),
    tx: z.number().int().optional(),
  }),
  z.object({
    op: z.literal('exec'),
    id: z.number().int(),
    sql: z.string(),
    tx: z.number().int().optional(),
  }),
  /** Starts a transaction (a read-only REPEATABLE READ one when `snapshot`); answered once open. */
  z.object({
    op: z.literal('begin'),
    id: z.number().int(),
    tx: z.number().int(),
    snapshot: z.boolean(),
  }),
  /** Commits or rolls back; answered once PGlite has. */
  z.object({
    op: z.literal('end'),
    id: z.number().int(),
    tx: z.number().int(),
    commit: z.boolean(),
  }),
  z.object({ op: z.literal('close'), id: z.number().int() }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;

/** What a refused statement carries across: the fields asStatementFailure reads. */
export const WireFailure = z.object({
  message: z.string(),
  code: z.string().optional(),
  constraint: z.string().optional(),
  table: z.string().optional(),
  column: z.string().optional(),
});
export type WireFailure = z.infer<typeof WireFailure>;

export const WorkerReply = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('failed'), error: WireFailure }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    /** Rows as PGlite's parsers shaped them (structured-cloned). */
    rows: z.array(z.record(z.string(), z.unknown())).optional(),
    error: WireFailure.optional(),
  }),
]);
export type WorkerReply = z.infer<typeof WorkerReply>;
