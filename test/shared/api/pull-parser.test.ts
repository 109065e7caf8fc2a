import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePullResponse, PullResponse } from '../../../shared/api';

const patientId = randomUUID();
const page = (changes: unknown[]) => ({
  serverTime: '2026-11-22T10:00:00.000Z',
  lane: 'core',
  changes,
  evictions: [],
  nextCursor: '42',
  hasMore: false,
});
const message = {
  lane: 'core',
  cursor: '41',
  entity: 'message',
  op: 'upsert',
  id: randomUUID(),
  version: 1,
  scope: { kind: 'patient', id: patientId },
  data: {
    id: randomUUID(),
    patientId,
    therapistId: null,
    direction: 'inbound',
    body: 'Hello',
    sentAt: '2026-11-22T09:00:00.000Z',
    readAt: null,
  },
};

/** The fast pull parser must agree with the schema it stands in for, in both directions. */
describe('parsePullResponse', () => {
  it.each([
    ['a valid page', page([message])],
    ['an unknown entity', page([{ ...message, entity: 'prescription' }])],
    ['an unknown op', page([{ ...message, op: 'merge' }])],
    ['a wrong type', page([{ ...message, version: '1' }])],
    ['a missing field', page([{ ...message, cursor: undefined }])],
    ['data of another entity', page([{ ...message, entity: 'note' }])],
    ['an upsert without data', page([{ ...message, data: null }])],
    ['an extra field', page([{ ...message, extra: true }])],
    ['a prototype key as entity', page([{ ...message, entity: '__proto__' }])],
    ['a bad envelope', { ...page([message]), hasMore: 'no' }],
  ])('agrees with PullResponse on %s', (_name, json) => {
    const fast = parsePullResponse(json);
    const reference = PullResponse.safeParse(json);
    expect(fast.success).toBe(reference.success);
    if (fast.success && reference.success) expect(fast.data).toEqual(reference.data);
  });
});
