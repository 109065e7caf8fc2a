import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Appointment, Message, Patient, Transcript } from '../../../../shared/api';
import { openStore } from '../../../../electron/core/store';
import type { CachedRecord, OpenedStore } from '../../../../electron/core/store';

/** A fresh device data directory; removed by the returned cleanup. */
export function temporaryDeviceDirectory(): { directory: string; cleanup: () => void } {
  const directory = mkdtempSync(join(tmpdir(), 'store-test-'));
  return { directory, cleanup: () => rmSync(directory, { recursive: true, force: true }) };
}

export const newKey = (): Buffer => randomBytes(32);

export function open(
  directory: string,
  key: Buffer,
  extra: Partial<Parameters<typeof openStore>[0]> = {},
): OpenedStore {
  return openStore({ directory, key: Buffer.from(key), ...extra });
}

const orgId = '7d1f3c2a-0000-4000-8000-000000000001';
export const therapistId = '7d1f3c2a-0000-4000-8000-0000000000aa';
const at = (minutes: number): string =>
  new Date(Date.UTC(2026, 10, 2, 9, 0) + minutes * 60_000).toISOString();

/** A synthetic patient with a distinctive name (searched for in raw bytes). */
export function patientRecord(
  givenName: string,
  familyName: string,
  version = 1,
): CachedRecord<'patient'> {
  const id = randomUUID();
  const data: Patient = {
    id,
    orgId,
    caseReference: `CR-${id.slice(0, 6)}`,
    givenName,
    familyName,
    dateOfBirth: '1990-04-01',
    phone: '+44 7700 900000',
    therapistId,
    status: 'active',
    dischargedAt: null,
  };
  return { id, version, scope: { kind: 'patient', id }, data };
}

export function messageRecord(
  patientId: string,
  direction: Message['direction'],
  minute: number,
  body: string,
): CachedRecord<'message'> {
  const id = randomUUID();
  return {
    id,
    version: 1,
    scope: { kind: 'patient', id: patientId },
    data: { id, patientId, therapistId, direction, body, sentAt: at(minute), readAt: null },
  };
}

export function appointmentRecord(patientId: string, minute: number): CachedRecord<'appointment'> {
  const id = randomUUID();
  const data: Appointment = {
    id,
    patientId,
    episodeId: randomUUID(),
    therapistId,
    kind: 'treatment',
    durationMinutes: 45,
    startsAt: at(minute),
    sessionNumber: 1,
    outcome: null,
    cancelledAt: null,
  };
  return { id, version: 1, scope: { kind: 'patient', id: patientId }, data };
}

export function transcriptRecord(
  patientId: string,
  lines: readonly string[],
  version = 1,
): CachedRecord<'transcript'> {
  const id = randomUUID();
  const data: Transcript = {
    id,
    appointmentId: randomUUID(),
    patientId,
    therapistId,
    startedAt: at(0),
    utterances: lines.map((text, seq) => ({
      id: randomUUID(),
      seq,
      speaker: seq % 2 === 0 ? 'therapist' : 'patient',
      text,
      sentAt: at(seq),
    })),
  };
  return { id, version, scope: { kind: 'patient', id: patientId }, data };
}

export function noteSaveMutation(noteId: string, patientId: string, body: string) {
  return {
    mutationId: randomUUID(),
    kind: 'note.save' as const,
    payload: {
      noteId,
      patientId,
      appointmentId: null,
      kind: 'session_note' as const,
      body,
      baseVersion: null,
    },
    createdAt: new Date().toISOString(),
  };
}
