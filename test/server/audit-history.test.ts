import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, type MutationResult, PushResponse } from '../../shared/api';
import { endSupervision, reallocatePatient } from '../../server/admin/operations';
import { useBackends } from './support/backends';
import { patientIdsOf, userIdOf } from './support/fixtures';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Audit events are recorded offline and pushed later, maybe after the patient was reallocated
// or a supervision ended. An access that was allowed when it happened is stored; the server
// keeps its own receive time and the country it observed beside the client's claims.

const SPAIN = '127.0.3.7'; // the dev GeoIP table's ES range; ES is approved in the demo

describe.each(useBackends())('audit events checked as of their time, on $name', (backend) => {
  let t: TestServer;
  const ids: Record<string, string> = {};
  let patients: string[];
  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const name of ['Amelia Hart', 'Tom Reeve', 'Rhys Ellis', 'Dr Samuel Okafor'])
      ids[name] = await userIdOf(t.db, t.account(name).email);
    patients = await patientIdsOf(t.db, [ids['Amelia Hart'] ?? '']);
  });
  afterAll(async () => t?.close());

  const opened = (patientId: string, occurredAt: Date, country = 'GB'): Draft => ({
    kind: 'audit.record',
    payload: {
      eventId: randomUUID(),
      action: 'open_patient',
      patientId,
      entityId: patientId,
      occurredAt: occurredAt.toISOString(),
      country,
    },
  });
  const push = async (session: Session, drafts: Draft[], localAddress?: string) => {
    const response = await session.push(drafts, localAddress ? { localAddress } : {});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponse.parse(response.body).results;
  };
  const statuses = (results: MutationResult[]) => results.map((r) => r.status);
  const eventOf = (draft: Draft) =>
    t.db.query<{
      country: string | null;
      observed_country: string | null;
      occurred_at: string;
      received_at: string;
    }>(
      'SELECT country, observed_country, occurred_at, received_at FROM audit_events WHERE id = $1',
      [(draft.payload as { eventId: string }).eventId],
    );

  it('stores an open made before a reallocation, pushed after it; refuses one claimed after it', async () => {
    const patientId = patients[0] ?? '';
    const amelia = await signIn(t, t.account('Amelia Hart'));
    const beforeMove = opened(patientId, new Date(Date.now() - 60_000));
    await reallocatePatient(t.db, patientId, ids['Tom Reeve'] ?? '', 'while Amelia was offline');
    const afterMove = opened(patientId, new Date(Date.now() + 1_000));
    expect(statuses(await push(amelia, [beforeMove, afterMove]))).toEqual(['applied', 'rejected']);
    expect(await eventOf(beforeMove)).toHaveLength(1);
    expect(await eventOf(afterMove)).toHaveLength(0);
  });

  it("stores a supervisor's open made while the supervision lasted, pushed after it ended", async () => {
    const rhysPatient = (await patientIdsOf(t.db, [ids['Rhys Ellis'] ?? '']))[0] ?? '';
    const samuel = await signIn(t, t.account('Dr Samuel Okafor'));
    const during = opened(rhysPatient, new Date(Date.now() - 60_000));
    await endSupervision(t.db, ids['Dr Samuel Okafor'] ?? '', ids['Rhys Ellis'] ?? '');
    const after = opened(rhysPatient, new Date(Date.now() + 1_000));
    expect(statuses(await push(samuel, [during, after]))).toEqual(['applied', 'rejected']);
  });

  it('keeps the server’s receive time and observed country beside the client’s claims', async () => {
    const patientId = patients[1] ?? '';
    const amelia = await signIn(t, t.account('Amelia Hart'), { localAddress: SPAIN });
    const claimedAt = new Date(Date.now() - 3_600_000);
    const event = opened(patientId, claimedAt, 'GB');
    const sentAfter = Date.now();
    expect(statuses(await push(amelia, [event], SPAIN))).toEqual(['applied']);
    const [row] = await eventOf(event);
    expect(row).toMatchObject({ country: 'GB', observed_country: 'ES' });
    expect(new Date(row?.occurred_at ?? 0).getTime()).toBe(claimedAt.getTime());
    const received = new Date(row?.received_at ?? 0).getTime();
    expect(received).toBeGreaterThanOrEqual(sentAfter - 1_000);
    expect(received).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it("refuses an event id that is already another device's event; accepts the same event again", async () => {
    const patientId = patients[2] ?? '';
    const amelia = await signIn(t, t.account('Amelia Hart'));
    // Helen supervises Amelia: she may see the patient, but the event is Amelia's.
    const helen = await signIn(t, t.account('Dr Helen Marsh'));
    const event = opened(patientId, new Date());
    expect(statuses(await push(amelia, [event]))).toEqual(['applied']);
    // The same event from the same device under a new mutation id (a rebuilt outbox).
    expect(statuses(await push(amelia, [event]))).toEqual(['applied']);
    const [stolen] = await push(helen, [event]);
    expect(stolen).toMatchObject({ status: 'rejected' });
    expect(
      await t.db.query('SELECT user_id FROM audit_events WHERE id = $1', [
        (event.payload as { eventId: string }).eventId,
      ]),
    ).toEqual([{ user_id: ids['Amelia Hart'] }]);
  });
  it('keeps a location decision the device made (what it decided from) beside the country the server observed', async () => {
    const amelia = await signIn(t, t.account('Amelia Hart'), { localAddress: SPAIN });
    const decision: Draft = {
      kind: 'audit.record',
      payload: {
        eventId: randomUUID(),
        action: 'location_decision',
        patientId: null,
        entityId: null,
        occurredAt: new Date().toISOString(),
        country: 'ES',
        location: {
          decision: 'locked',
          why: 'zone',
          zone: 'America/New_York',
          attestationAgeSeconds: 3_600,
        },
      },
    };
    expect(statuses(await push(amelia, [decision], SPAIN))).toEqual(['applied']);
    const rows = await t.db.query<{ action: string; observed_country: string; location: unknown }>(
      'SELECT action, observed_country, location FROM audit_events WHERE id = $1',
      [(decision.payload as { eventId: string }).eventId],
    );
    expect(rows).toEqual([
      {
        action: 'location_decision',
        observed_country: 'ES',
        location: {
          decision: 'locked',
          why: 'zone',
          zone: 'America/New_York',
          attestationAgeSeconds: 3_600,
        },
      },
    ]);
  });
});
