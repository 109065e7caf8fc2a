import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { type PatientRecords, mutationsAgainst, recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

/** A template of the kind with one payload field replaced. */
const withField = (template: Draft, field: string, value: unknown): Draft =>
  ({ ...template, payload: { ...template.payload, [field]: value } }) as Draft;

describe.each(useBackends())('values the database cannot hold, on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let records: PatientRecords;
  const template = (kind: Draft['kind']): Draft => {
    const found =
      kind === 'workAbroad.declare'
        ? ({
            kind,
            payload: {
              declarationId: randomUUID(),
              country: 'GB',
              from: '2027-01-01',
              to: '2027-01-10',
              patientsInformed: true,
              emergencyContactsConfirmed: true,
            },
          } as Draft)
        : mutationsAgainst(records).find((m) => m.kind === kind);
    if (!found) throw new Error(kind);
    return found;
  };
  const message = (body: string): Draft => ({
    kind: 'message.send',
    payload: { messageId: randomUUID(), patientId: records.patientId, body },
  });

  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    records = await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email));
  });
  afterAll(async () => t?.close());

  it.each([
    ['measure.record', 'recordedAt', '0000-01-01T00:00:00Z'],
    ['measure.record', 'recordedAt', '0001-01-01T00:00:00+01:00'],
    ['measure.record', 'recordedAt', '9999-12-31T23:59:59-12:00'],
    ['audit.record', 'occurredAt', '0000-01-01T00:00:00Z'],
    ['audit.record', 'occurredAt', '2026-03-01T10:00:00+23:59'],
    ['appointment.recordOutcome', 'cancelledAt', '0000-01-01T00:00:00Z'],
    ['workAbroad.declare', 'from', '0000-01-01'],
    ['workAbroad.declare', 'to', '0000-01-01'],
    ['note.save', 'baseVersion', 2 ** 31],
    ['note.submit', 'baseVersion', 2 ** 31],
  ] as const)('refuses %s with %s = %s as a 400 naming the field', async (kind, field, value) => {
    const base = template(kind);
    const bad =
      kind === 'appointment.recordOutcome'
        ? withField(withField(base, 'outcome', 'cancelled'), field, value)
        : withField(base, field, value);
    const response = await priya.push([bad, message(`behind a bad ${kind}`)]);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.json.code).toBe('VALIDATION_FAILED');
    expect(Object.keys((response.json as { fieldErrors?: object }).fieldErrors ?? {})).toContain(
      `mutations.0.payload.${field}`,
    );
  });

  it('answers a pull at cursor 2^63-1 and refuses a cursor beyond bigint with a field error', async () => {
    const atTheEnd = await t.get('/sync/pull?lane=core&after=9223372036854775807', {
      token: priya.token,
    });
    expect(atTheEnd.status, JSON.stringify(atTheEnd.body)).toBe(200);
    expect(atTheEnd.json).toMatchObject({ changes: [], nextCursor: '9223372036854775807' });
    const beyond = await t.get('/sync/pull?lane=core&after=9223372036854775808', {
      token: priya.token,
    });
    expect(beyond.status).toBe(400);
    expect(Object.keys((beyond.json as { fieldErrors?: object }).fieldErrors ?? {})).toContain(
      'after',
    );
  });

  it('rejects one mutation the database refuses, advances the sequence, and applies the one behind it', async () => {
    // Arrange a rule only the database knows (a CHECK constraint the contract cannot see).
    await t.db.exec(
      `ALTER TABLE messages ADD CONSTRAINT test_seam_no_forbidden CHECK (body <> 'forbidden by the database')`,
    );
    try {
      const response = await priya.push([
        message('forbidden by the database'),
        message('behind a database refusal'),
      ]);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const { results, lastAppliedSeq } = PushResponse.parse(response.body);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
      expect(results[0]).toMatchObject({
        reason: expect.stringContaining('could not be stored'),
      });
      expect(lastAppliedSeq).toBe(priya.seq);
      const [device] = await t.db.query<{ last_applied_seq: number }>(
        'SELECT last_applied_seq FROM devices WHERE id = $1',
        [priya.deviceId],
      );
      expect(device?.last_applied_seq).toBe(priya.seq);
      expect(
        await t.db.query('SELECT 1 FROM messages WHERE body = $1', ['behind a database refusal']),
      ).toHaveLength(1);
    } finally {
      await t.db.exec('ALTER TABLE messages DROP CONSTRAINT test_seam_no_forbidden');
    }
  });
});
