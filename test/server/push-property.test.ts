import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, MutationKind, PushResponse } from '../../shared/api';
import { useBackends } from './support/backends';
import { mutationsAgainst, recordsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Property: whatever value one field of one mutation carries, the server answers 400 (with a
// field error for that mutation) or 200 (a result for it, and the valid change queued behind
// it applied) — never 5xx. A 5xx is retried forever by the client: one bad value must never
// block a device.

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const digits = fc.constantFrom(...'0123456789');

/** Date-times near and beyond every edge: year 0 to 9999, impossible fields, any offset. */
const isoDateTimeish = fc
  .record({
    year: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0, 1, 1899, 2200, 9999) },
      fc.integer({ min: 0, max: 9999 }),
    ),
    month: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) },
      fc.integer({ min: 0, max: 13 }),
    ),
    day: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 28 }) },
      fc.integer({ min: 0, max: 32 }),
    ),
    hour: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0, max: 23 }) },
      fc.integer({ min: 0, max: 25 }),
    ),
    fraction: fc.oneof(
      { weight: 3, arbitrary: fc.constant('') },
      fc.string({ unit: digits, minLength: 1, maxLength: 10 }),
    ),
    offset: fc.oneof(
      fc.constant('Z'),
      fc.constantFrom('+23:59', '-23:59', '+16:00', '-15:59', '+14:00', '-12:00', '+01:00'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 24 }),
          m: fc.constantFrom(0, 1, 30, 45, 59, 60),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
    ),
  })
  .map(
    ({ year, month, day, hour, fraction, offset }) =>
      `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:00:00${fraction ? `.${fraction}` : ''}${offset}`,
  );
const isoDateish = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0, 1, 1899, 2200, 9999) },
      fc.integer({ min: 0, max: 9999 }),
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) },
      fc.integer({ min: 0, max: 13 }),
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 28 }) },
      fc.integer({ min: 0, max: 32 }),
    ),
  )
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const edgeNumbers = [
  0,
  -1,
  1,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  0.5,
];
const hostileNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...edgeNumbers) },
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    '   ',
    '\u0000',
    'a\uD800b',
    "'; DROP TABLE patients; --",
    'x'.repeat(100_001),
    'ZZ',
    'gb',
  ),
);
const ISO_DATE_TIME = /^\d{4}-\d\d-\d\dT/;
const ISO_DATE = /^\d{4}-\d\d-\d\d$/;
const UUID = /^[0-9a-f]{8}-/;

describe.each(useBackends())('no value in a mutation produces a 5xx, on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  let templates: Draft[];
  let patientId: string;
  let existingIds: string[];

  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
    const records = await recordsOf(t.db, await userIdOf(t.db, t.account('Priya Nair').email));
    patientId = records.patientId;
    templates = [
      ...mutationsAgainst(records),
      {
        kind: 'workAbroad.declare',
        payload: {
          declarationId: randomUUID(),
          country: 'GB',
          from: '2027-01-01',
          to: '2027-01-10',
          patientsInformed: true,
          emergencyContactsConfirmed: true,
        },
      },
      { kind: 'workAbroad.cancel', payload: { declarationId: randomUUID() } },
      {
        kind: 'leave.declare',
        payload: {
          declarationId: randomUUID(),
          purpose: 'annual_leave',
          country: null,
          from: '2027-02-01',
          to: '2027-02-05',
        },
      },
      {
        kind: 'workAbroad.reschedule',
        payload: { declarationId: randomUUID(), from: '2027-03-01', to: '2027-03-02' },
      },
      {
        kind: 'workAbroad.told',
        payload: {
          declarationId: randomUUID(),
          told: [{ patientId: records.patientId, messageId: randomUUID() }],
        },
      },
    ];
    // Ids of records that exist (other patients', other tables'): collisions of every kind.
    existingIds = [];
    for (const table of [
      'patients',
      'appointments',
      'transcripts',
      'utterances',
      'notes',
      'tickets',
      'measures',
      'messages',
      'emergency_contacts',
      'users',
    ]) {
      const rows = await t.db.query<{ id: string }>(
        `SELECT id FROM ${table} ORDER BY id DESC LIMIT 3`,
      );
      existingIds.push(...rows.map((r) => r.id));
    }
  });
  afterAll(async () => t?.close());

  /** A value for one field: mostly a near miss of what the field holds, sometimes anything. */
  const valueFor = (field: string, current: unknown) => {
    const uuids = fc.oneof(fc.uuid(), fc.constantFrom(...existingIds));
    const nearMiss =
      typeof current === 'string'
        ? ISO_DATE_TIME.test(current)
          ? isoDateTimeish
          : ISO_DATE.test(current)
            ? isoDateish
            : UUID.test(current)
              ? uuids
              : hostileText
        : typeof current === 'number'
          ? hostileNumber
          : Array.isArray(current)
            ? fc.array(hostileNumber, { maxLength: 14 })
            : /At$/.test(field)
              ? isoDateTimeish
              : /Id$/.test(field)
                ? uuids
                : /Version$/.test(field)
                  ? hostileNumber
                  : fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 12 });
    const anything = fc.oneof(
      hostileText,
      hostileNumber,
      isoDateTimeish,
      uuids,
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    );
    return fc.oneof({ weight: 5, arbitrary: nearMiss }, { weight: 1, arbitrary: anything });
  };
  /** Every page from `cursor` to the head must still be servable (nothing poisoned the feed). */
  const pullsStillWork = async (cursor: string): Promise<string> => {
    let after = cursor;
    for (;;) {
      const page = await t.get(`/sync/pull?lane=core&after=${after}&limit=1000`, {
        token: priya.token,
      });
      expect(page.status, JSON.stringify(page.body).slice(0, 300)).toBe(200);
      after = String(page.json.nextCursor);
      if (!page.json.hasMore) return after;
    }
  };
  const message = (body: string): Draft => ({
    kind: 'message.send',
    payload: { messageId: randomUUID(), patientId, body },
  });

  it.each(MutationKind.options)(
    '%s: a bad value in any field is a 400 or a settled result, never a 5xx',
    async (kind) => {
      const template = templates.find((m) => m.kind === kind);
      if (!template) throw new Error(`no template for ${kind}`);
      const current = template.payload as Record<string, unknown>;
      const fields = Object.keys(current);
      let cursor = await pullsStillWork('0');
      for (const field of fields) {
        await fc.assert(
          fc.asyncProperty(valueFor(field, current[field]), async (value) => {
            const idField = fields[0] ?? '';
            // A fresh subject id each run (unless that is the field under test).
            const payload = { ...current, [idField]: randomUUID(), [field]: value };
            const response = await priya.push([
              { ...template, payload } as Draft,
              message(`behind ${kind}.${field}`),
            ]);
            const seen = `${kind}.${field} = ${JSON.stringify(value)?.slice(0, 80)}`;
            expect(
              response.status,
              `${seen}: ${JSON.stringify(response.body).slice(0, 300)}`,
            ).toBeLessThan(500);
            if (response.status === 400) {
              expect(response.json.code).toBe('VALIDATION_FAILED');
              const fieldErrors = (response.json as { fieldErrors?: object }).fieldErrors ?? {};
              expect(Object.keys(fieldErrors).some((k) => k.startsWith('mutations.0'))).toBe(true);
              return;
            }
            expect(response.status).toBe(200);
            const { results } = PushResponse.parse(response.body);
            expect(results).toHaveLength(2);
            expect(results[1]?.status, seen).toBe('applied');
            // Whatever was stored, every device can still pull it.
            if (results[0]?.status === 'applied') cursor = await pullsStillWork(cursor);
          }),
          { numRuns: 20 },
        );
      }
    },
  );

  it('any cursor and limit is a 400 or a page, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 25 }),
          fc.constantFrom('9223372036854775807', '9223372036854775808', '-1', '1e3', ''),
        ),
        fc.oneof(hostileNumber.map(String), fc.constant('')),
        async (after, limit) => {
          const response = await t.get(
            `/sync/pull?lane=core&after=${encodeURIComponent(after)}&limit=${encodeURIComponent(limit)}`,
            { token: priya.token },
          );
          expect([200, 400], `${after} ${limit}: ${response.status}`).toContain(response.status);
        },
      ),
      { numRuns: 60 },
    );
  });
});
