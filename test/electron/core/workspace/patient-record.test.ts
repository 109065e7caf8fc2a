import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseloadEntry, PatientDetail } from '../../../../shared/ipc';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/** Issue 10 item 5: what the patient record and the caseload say about an episode. */
const reference = useReferenceServer();
let device: TestDevice;
let patientId: string;

beforeAll(async () => {
  const server = reference.server();
  // An episode still "awaiting assessment" on the server although its assessment was attended.
  const [row] = await server.db.query<{ patient_id: string; episode_id: string }>(
    `SELECT a.patient_id, a.episode_id FROM appointments a JOIN patients p ON p.id = a.patient_id
       JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = 'Tom Reeve' AND p.status = 'active' AND a.kind = 'assessment' AND a.outcome = 'attended'
      ORDER BY p.case_reference LIMIT 1`,
  );
  if (!row) throw new Error('no assessed patient');
  await server.db.query(`UPDATE episodes SET status = 'awaiting_assessment' WHERE id = $1`, [
    row.episode_id,
  ]);
  patientId = row.patient_id;
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(server.account('Tom Reeve'));
  await device.synced();
});
afterAll(async () => device?.close());

describe('an assessed patient', () => {
  it('no longer reads "awaiting assessment", on the record or on the caseload', async () => {
    const detail = await device.call<PatientDetail>('patients.get', { patientId });
    expect(detail.episodes[0]).toMatchObject({
      status: 'awaiting_assessment',
      phase: 'assessed, in treatment',
    });
    const { entries } = await device.call<{ entries: CaseloadEntry[] }>('caseload.list', {});
    expect(entries.find((e) => e.patientId === patientId)?.episodeStatus).toBe(
      'assessed, in treatment',
    );
  });
});
