import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { MutationKind } from '../../../shared/api';
import { writeFileAtomically } from '../keys/atomic-file';
import type { JsonValue, OutboxEntry, StoreRecoveryReason } from './interface';
import type { LocalWork } from './local-work';
import { subjectOf } from './mutation-subject';

/**
 * The device's local work (the unsettled outbox, the device's settings, drafts, conflict
 * copies, queued audit events, optimistic rows — local-work.ts) saved outside the database
 * during a recovery. It carries clinical text and the session, so the file is sealed with
 * AES-256-GCM under a key derived from the database key: it is as unreadable at rest as the
 * database it came from. Version 1 files (the outbox alone) are still read.
 */
const envelope = z.object({
  version: z.union([z.literal(1), z.literal(2)]),
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
    subjectId: z.string().nullable().optional(),
    payload: jsonValue,
    status: z.enum(['pending', 'held', 'sent', 'rejected']),
    rejectReason: z.string().nullable(),
    heldReason: z.string().nullable().optional(),
    summary: z.string().nullable().optional(),
    // Older exports do not say: an entry that may have been sent counts as attempted.
    attempts: z.int().min(0).optional(),
    serverFailures: z.int().min(0).optional(),
    createdAt: z.string(),
    updatedAt: z.string().optional(),
  }),
);
const nullableString = z.string().nullable();
const localWork = z.object({
  entries,
  settings: z.array(z.object({ key: z.string(), value: z.string(), updatedAt: z.string() })),
  // Absent from exports written before CTS-R drafts existed.
  ctsrDrafts: z
    .array(
      z.object({
        transcriptId: z.string(),
        patientId: z.string(),
        items: z.array(z.number().nullable()),
        itemNotes: z.array(z.string()),
        comment: z.string(),
        savedAt: z.string(),
      }),
    )
    .default([]),
  // Absent from exports written before message drafts existed.
  messageDrafts: z
    .array(
      z.object({
        patientId: z.string(),
        body: z.string(),
        resendOf: z.int().positive().nullable(),
        savedAt: z.string(),
      }),
    )
    .default([]),
  drafts: z.array(
    z.object({
      noteId: z.string(),
      patientId: z.string(),
      appointmentId: nullableString,
      kind: z.string(),
      body: z.string(),
      baseVersion: z.int().nullable(),
      savedAt: z.string(),
    }),
  ),
  conflictCopies: z.array(
    z.object({
      id: z.int(),
      noteId: z.string(),
      patientId: z.string(),
      body: z.string(),
      version: z.int().nullable(),
      source: z.enum(['this_device', 'other_device']),
      savedAt: z.string(),
    }),
  ),
  audit: z.array(
    z.object({
      eventId: z.string(),
      action: z.enum(['open_patient', 'open_transcript', 'open_note', 'export', 'sign_in_offline']),
      patientId: nullableString,
      entityId: nullableString,
      occurredAt: z.string(),
      country: nullableString,
    }),
  ),
  optimistic: z.array(
    z.object({
      table: z.string(),
      id: z.string(),
      scopeKind: z.string(),
      scopeId: z.string(),
      data: z.string(),
    }),
  ),
});

export interface OutboxExport {
  readonly reason: StoreRecoveryReason;
  readonly detail: string;
  readonly createdAt: string;
  readonly outboxReadable: boolean;
  readonly work: Omit<LocalWork, 'outboxReadable' | 'seqFloorKnown' | 'unreadable'>;
}

const exportKey = (databaseKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', databaseKey, Buffer.alloc(0), 'outbox export v1', 32));

export function writeOutboxExport(path: string, databaseKey: Buffer, data: OutboxExport): void {
  const key = exportKey(databaseKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const { highestSeq, ...content } = data.work;
  const ciphertext = Buffer.concat([
    cipher.update(JSON.stringify(content), 'utf8'),
    cipher.final(),
  ]);
  key.fill(0);
  const file: z.infer<typeof envelope> = {
    version: 2,
    reason: data.reason,
    detail: data.detail,
    createdAt: data.createdAt,
    highestSeq,
    entryCount: data.work.entries.length,
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
  const json: unknown = JSON.parse(plaintext);
  const content =
    file.version === 1
      ? {
          entries: entries.parse(json),
          settings: [],
          drafts: [],
          ctsrDrafts: [],
          messageDrafts: [],
          conflictCopies: [],
          audit: [],
          optimistic: [],
        }
      : localWork.parse(json);
  return {
    reason: file.reason,
    detail: file.detail,
    createdAt: file.createdAt,
    outboxReadable: file.outboxReadable,
    work: {
      ...content,
      highestSeq: file.highestSeq,
      entries: content.entries.map((entry): OutboxEntry => ({
        ...entry,
        kind: entry.kind as MutationKind,
        subjectId: entry.subjectId ?? subjectOf(entry.kind as MutationKind, entry.payload),
        heldReason: entry.heldReason ?? null,
        summary: entry.summary ?? null,
        attempts: entry.attempts ?? (entry.status === 'pending' ? 1 : 0),
        serverFailures: entry.serverFailures ?? 0,
        updatedAt: entry.updatedAt ?? entry.createdAt,
      })),
    },
  };
}
