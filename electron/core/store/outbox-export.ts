import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MutationKind } from '../../../shared/api';
import { writeFileAtomically } from '../keys/atomic-file';
import type { JsonValue, OutboxEntry, StoreRecoveryReason } from './interface';

/**
 * The outbox saved outside the database during a recovery. Mutations carry clinical text
 * (note drafts, messages), so the file is sealed with AES-256-GCM under a key derived from
 * the database key: it is as unreadable at rest as the database it came from.
 */
const envelope = z.object({
  version: z.literal(1),
  reason: z.enum(['corrupt', 'migration-failed']),
  detail: z.string(),
  createdAt: z.string(),
  highestSeq: z.int().min(0),
  entryCount: z.int().min(0),
  outboxReadable: z.boolean(),
  iv: z.base64(),
  tag: z.base64(),
  ciphertext: z.base64(),
});

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);
const entries = z.array(
  z.object({
    seq: z.int().positive(),
    mutationId: z.string().min(1),
    // Any kind this or an older build wrote: an entry is never dropped for its kind.
    kind: z.string().min(1),
    payload: jsonValue,
    status: z.enum(['pending', 'sent', 'rejected']),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
  }),
);

export interface OutboxExport {
  readonly reason: StoreRecoveryReason;
  readonly detail: string;
  readonly createdAt: string;
  readonly highestSeq: number;
  readonly outboxReadable: boolean;
  readonly entries: readonly OutboxEntry[];
}

const exportKey = (databaseKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'outbox export v1', 32));

export function writeOutboxExport(path: string, databaseKey: Buffer, data: OutboxExport): void {
  const key = exportKey(databaseKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(data.entries), 'utf8'),
    cipher.final(),
  ]);
  key.fill(0);
  const file: z.infer<typeof envelope> = {
    version: 1,
    reason: data.reason,
    detail: data.detail,
    createdAt: data.createdAt,
    highestSeq: data.highestSeq,
    entryCount: data.entries.length,
    outboxReadable: data.outboxReadable,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
  writeFileAtomically(path, JSON.stringify(file));
}

export function readOutboxExport(path: string, databaseKey: Buffer): OutboxExport {
  const file = envelope.parse(JSON.parse(readFileSync(path, 'utf8')));
  const key = exportKey(databaseKey);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
  const plaintext = Buffer.concat([
    decipher.update(Buffer.from(file.ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8');
  key.fill(0);
  return {
    reason: file.reason,
    detail: file.detail,
    createdAt: file.createdAt,
    highestSeq: file.highestSeq,
    outboxReadable: file.outboxReadable,
    entries: entries
      .parse(JSON.parse(plaintext))
      .map((entry) => ({ ...entry, kind: entry.kind as MutationKind })),
  };
}
