import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mutation, PushResponse, WorkAbroadDeclaration } from '../../shared/api';
import { useBackends } from './support/backends';
import { type Session, type TestServer, signIn, startTestServer } from './support/harness';

type Draft = Omit<Mutation, 'seq' | 'id'>;

// Leave (docs/domain.md, "Working abroad"): annual leave or sickness pauses the caseload; it
// need not be abroad and needs no approved country. A declaration's dates may be moved before
// it starts; a working trip is then checked again (the country named when not approved).

const day = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

const resultsOf = async (session: Session, drafts: Draft[]) =>
  PushResponse.parse((await session.push(drafts)).body).results;
const reasonOf = (r: unknown): string =>
  r && typeof r === 'object' && 'reason' in r ? String(r.reason) : '';

describe.each(useBackends())('leave and new dates on $name', (backend) => {
  let t: TestServer;
  let priya: Session;
  beforeAll(async () => {
    t = await startTestServer(backend);
    priya = await signIn(t, t.account('Priya Nair'));
  });
  afterAll(async () => t?.close());

  const leave = (over: Partial<Record<string, unknown>> = {}): Draft => ({
    kind: 'leave.declare',
    payload: {
      declarationId: randomUUID(),
      purpose: 'annual_leave',
      country: null,
      from: day(3),
      to: day(7),
      ...over,
    },
  });

  it('keeps leave with its purpose, at home or in a country not approved, and the supervisor receives it', async () => {
    const home = leave();
    const abroad = leave({ purpose: 'sick_leave', country: 'US' });
    expect((await resultsOf(priya, [home, abroad])).map((r) => r.status)).toEqual([
      'applied',
      'applied',
    ]);
    const rows = await t.db.query<{ purpose: string; country: string | null }>(
      'SELECT purpose, country FROM work_abroad_declarations WHERE id = ANY($1::uuid[]) ORDER BY purpose',
      [[home.payload, abroad.payload].map((p) => (p as { declarationId: string }).declarationId)],
    );
    expect(rows).toEqual([
      { purpose: 'annual_leave', country: null },
      { purpose: 'sick_leave', country: 'US' },
    ]);

    const helen = await signIn(t, t.account('Dr Helen Marsh'));
    const seen = (await helen.pullAll('core'))
      .flatMap((page) => page.changes)
      .filter((c) => c.entity === 'workAbroadDeclaration' && 'data' in c)
      .map((c) => WorkAbroadDeclaration.parse((c as { data: unknown }).data));
    const homeId = (home.payload as { declarationId: string }).declarationId;
    expect(seen.find((d) => d.id === homeId)).toMatchObject({
      purpose: 'annual_leave',
      country: null,
      from: day(3),
      to: day(7),
    });
  });

  it('refuses leave that ends before it starts, and a purpose that is not leave', async () => {
    const [backwards] = await resultsOf(priya, [leave({ from: day(5), to: day(4) })]);
    expect(backwards).toMatchObject({ status: 'rejected' });
    expect(reasonOf(backwards)).toMatch(/end date is before the start date/);
    const bad = await priya.push([leave({ purpose: 'working' })]);
    expect(bad.status).toBe(400);
  });

  it('moves the dates of one’s own leave before it starts; refuses past days, started trips and others’', async () => {
    const planned = leave();
    const id = (planned.payload as { declarationId: string }).declarationId;
    const startsToday = leave({ from: day(0) });
    const todayId = (startsToday.payload as { declarationId: string }).declarationId;
    await resultsOf(priya, [planned, startsToday]);
    const move = (declarationId: string, from: string, to: string): Draft => ({
      kind: 'workAbroad.reschedule',
      payload: { declarationId, from, to },
    });
    const rhys = await signIn(t, t.account('Rhys Ellis'));
    const [notHis] = await resultsOf(rhys, [move(id, day(10), day(12))]);
    expect(reasonOf(notHis)).toBe('There is no such planned trip of yours.');

    const results = await resultsOf(priya, [
      move(id, day(10), day(12)),
      move(id, day(-1), day(12)),
      move(todayId, day(10), day(12)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
    expect(reasonOf(results[1])).toMatch(/new first day, .* has already passed/);
    expect(reasonOf(results[2])).toMatch(/started on .* can no longer be moved/);
    const [row] = await t.db.query<{ from: string; to: string }>(
      `SELECT to_char(date_from, 'YYYY-MM-DD') AS "from", to_char(date_to, 'YYYY-MM-DD') AS "to" FROM work_abroad_declarations WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ from: day(10), to: day(12) });
  });

  it('checks a working trip’s country again when its dates move, and names it', async () => {
    // Priya's active patients all get a contact, so only the country can refuse.
    const patients = await t.db.query<{ id: string }>(
      `SELECT p.id FROM patients p JOIN users u ON u.id = p.therapist_id
        WHERE u.display_name = 'Priya Nair' AND p.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM emergency_contacts c WHERE c.patient_id = p.id)`,
    );
    const contacts: Draft[] = patients.map((p) => ({
      kind: 'emergencyContact.set',
      payload: {
        contactId: randomUUID(),
        patientId: p.id,
        name: 'Ana Ruiz',
        phone: '+34 600 000 001',
        relationship: 'sister',
        localEmergencyNumber: '112',
      },
    }));
    const declarationId = randomUUID();
    const declared = await resultsOf(priya, [
      ...contacts,
      {
        kind: 'workAbroad.declare',
        payload: {
          declarationId,
          country: 'ES',
          from: day(20),
          to: day(25),
          patientsInformed: true,
          emergencyContactsConfirmed: true,
        },
      },
    ]);
    expect(declared.every((r) => r.status === 'applied')).toBe(true);
    // The service withdraws Spain.
    await t.db.query(`DELETE FROM approved_countries WHERE country = 'ES'`);
    const [moved] = await resultsOf(priya, [
      { kind: 'workAbroad.reschedule', payload: { declarationId, from: day(21), to: day(26) } },
    ]);
    expect(moved).toMatchObject({ status: 'rejected' });
    expect(reasonOf(moved)).toBe('ES is not an approved country for working abroad.');
  });
});
