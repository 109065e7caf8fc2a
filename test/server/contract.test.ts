import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Change, PullResponse, PushRequest, buildOpenApiDocument, routes } from '../../shared/api';

const upsert = {
  lane: 'core',
  cursor: '12',
  entity: 'message',
  op: 'upsert',
  id: randomUUID(),
  version: 1,
  scope: { kind: 'patient', id: randomUUID() },
  data: {
    id: randomUUID(),
    patientId: randomUUID(),
    therapistId: null,
    direction: 'inbound',
    body: 'Hi',
    sentAt: '2026-11-20T10:00:00.000+00:00',
    readAt: null,
  },
};

describe('the API contract (shared/api)', () => {
  it('accepts a well-formed change and refuses unknown entities, unknown ops, wrong lanes and mismatched data', () => {
    expect(Change.safeParse(upsert).success).toBe(true);
    expect(Change.safeParse({ ...upsert, op: 'delete', data: null }).success).toBe(true);
    for (const bad of [
      { ...upsert, entity: 'invoice' },
      { ...upsert, op: 'merge' },
      { ...upsert, lane: 'transcripts' },
      { ...upsert, data: { ...upsert.data, direction: 'sideways' } },
      { ...upsert, data: { ...upsert.data, extra: 1 } },
      { ...upsert, op: 'upsert', data: null },
      { ...upsert, cursor: '-3' },
    ]) {
      expect(Change.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const page = {
      serverTime: new Date().toISOString(),
      lane: 'core',
      changes: [upsert],
      evictions: [],
      nextCursor: '12',
      hasMore: false,
    };
    expect(PullResponse.safeParse(page).success).toBe(true);
    expect(
      PullResponse.safeParse({ ...page, changes: [{ ...upsert, entity: 'invoice' }] }).success,
    ).toBe(false);
  });

  it('refuses unknown mutation kinds and payloads of the wrong kind', () => {
    const deviceId = randomUUID();
    const ok = {
      deviceId,
      mutations: [
        {
          seq: 1,
          id: randomUUID(),
          kind: 'note.submit',
          payload: { noteId: randomUUID(), baseVersion: 1 },
        },
      ],
    };
    expect(PushRequest.safeParse(ok).success).toBe(true);
    expect(
      PushRequest.safeParse({ ...ok, mutations: [{ ...ok.mutations[0], kind: 'patient.delete' }] })
        .success,
    ).toBe(false);
    expect(
      PushRequest.safeParse({ ...ok, mutations: [{ ...ok.mutations[0], kind: 'message.send' }] })
        .success,
    ).toBe(false);
    expect(PushRequest.safeParse({ ...ok, mutations: [] }).success).toBe(false);
  });

  it('describes every route in the OpenAPI document', () => {
    const doc = buildOpenApiDocument({ title: 't', version: '1' });
    for (const route of Object.values(routes)) {
      expect(doc.paths[route.path], route.path).toHaveProperty(route.method.toLowerCase());
    }
    expect(JSON.stringify(doc.paths['/sync/push'])).toContain('ticket.decide');
  });
});
