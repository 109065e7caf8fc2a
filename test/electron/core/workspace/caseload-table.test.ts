import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseloadEntry } from '../../../../shared/ipc';
import { touchFeed } from '../../../../server/sync/feed';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 13 item 5 on a device (the real core, its encrypted store, synced from the reference
 * server): each caseload row carries what the table shows — the score trends for the
 * sparklines, treatment sessions used with the extension state — and the list its size
 * against the cap and minimum. The expected facts are read from the server's own tables.
 */
const reference = useReferenceServer();
let device: TestDevice;
let patientId: string;
let phq9: number[];
let attended: number;

interface CaseloadList {
  entries: CaseloadEntry[];
  size: { patients: number; cap: number | null; minimum: number | null } | null;
}

beforeAll(async () => {
  const server = reference.server();
  // A step 2 patient with scores and attended treatment sessions in an open episode.
  const [row] = await server.db.query<{ patient_id: string; episode_id: string }>(
    `SELECT e.patient_id, e.id AS episode_id FROM episodes e
       JOIN patients p ON p.id = e.patient_id JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = 'Amelia Hart' AND p.status = 'active' AND e.closed_at IS NULL
        AND e.step = 2
        AND EXISTS (SELECT 1 FROM measures m WHERE m.patient_id = p.id AND m.kind = 'PHQ9')
        AND EXISTS (SELECT 1 FROM appointments a WHERE a.episode_id = e.id
                     AND a.kind = 'treatment' AND a.outcome = 'attended')
        AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.patient_id = p.id
                         AND t.type = 'session_extension_request')
      ORDER BY p.case_reference LIMIT 1`,
  );
  if (!row) throw new Error('no step 2 patient in treatment with scores');
  patientId = row.patient_id;
  // An extension request awaiting the supervisor's decision.
  await server.db.transaction(async (tx) => {
    const [ticket] = await tx.query<{ id: string; org_id: string }>(
      `INSERT INTO tickets (id, patient_id, therapist_id, type, body, state, raised_at)
         SELECT gen_random_uuid(), p.id, p.therapist_id, 'session_extension_request',
                'A fifth session?', 'open', now() - interval '1 day' FROM patients p WHERE p.id = $1
       RETURNING id, (SELECT org_id FROM patients WHERE id = $1) AS org_id`,
      [patientId],
    );
    if (!ticket) throw new Error('no ticket');
    // Published to the feed as the server's own writes are.
    await touchFeed(tx, {
      entity: 'ticket',
      id: ticket.id,
      orgId: ticket.org_id,
      patientId,
      therapistId: null,
    });
  });
  const scores = await server.db.query<{ total: number }>(
    `SELECT total FROM measures WHERE patient_id = $1 AND kind = 'PHQ9' ORDER BY recorded_at`,
    [patientId],
  );
  phq9 = scores.map((s) => s.total).slice(-8);
  const [count] = await server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appointments
      WHERE episode_id = $1 AND kind = 'treatment' AND outcome = 'attended'`,
    [row.episode_id],
  );
  attended = count?.n ?? 0;
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(server.account('Amelia Hart'));
  await device.synced();
});
afterAll(async () => device?.close());

describe('the caseload table’s facts', () => {
  it('a row carries the PHQ-9 trend and the sessions used with the extension state', async () => {
    const { entries } = await device.call<CaseloadList>('caseload.list', {});
    const entry = entries.find((e) => e.patientId === patientId);
    expect(entry?.phq9Trend).toEqual(phq9);
    expect(entry?.phq9Trend.at(-1)).toBe(entry?.latestPhq9);
    expect(entry?.sessions).toMatchObject({
      used: attended,
      limit: 4,
      extension: 'requested',
    });
    expect(entry?.sessions?.words).toMatch(/^\d+ of 4 used(, \d+ booked)?, extension requested$/);
  });

  it('every row has trends no longer than eight scores, ending at the latest score', async () => {
    const { entries } = await device.call<CaseloadList>('caseload.list', {});
    for (const e of entries) {
      expect(e.phq9Trend.length).toBeLessThanOrEqual(8);
      expect(e.phq9Trend.at(-1) ?? null).toBe(e.latestPhq9);
      expect(e.gad7Trend.at(-1) ?? null).toBe(e.latestGad7);
    }
  });

  it('the list says its size against the minimum of an established PWP', async () => {
    const { entries, size } = await device.call<CaseloadList>('caseload.list', {});
    expect(size).toEqual({
      patients: entries.length,
      cap: null,
      minimum: 15,
      allocationLimit: expect.toBeOneOf([null, expect.any(Number)]) as unknown,
    });
  });
});
