import { beforeAll, describe, expect, it } from 'vitest';
import { startDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 10 item 15 on a device: an agency therapist's minimum caseload is 10 (the service's
 * configuration per contract type), an employed PWP's 15.
 */
const reference = useReferenceServer();

/** Leave a therapist with exactly `n` active patients (the rest discharged on the server). */
async function keepActive(displayName: string, n: number) {
  await reference.server().db.query(
    `UPDATE patients SET status = 'discharged', discharged_at = now()
      WHERE id IN (SELECT p.id FROM patients p JOIN users u ON u.id = p.therapist_id
                    WHERE u.display_name = $1 AND p.status = 'active'
                    ORDER BY p.case_reference OFFSET $2)`,
    [displayName, n],
  );
}

beforeAll(async () => {
  await keepActive('Tom Reeve', 12);
  await keepActive('Amelia Hart', 12);
});

async function warningsOf(displayName: string): Promise<string[]> {
  const device = await startDevice({ serverUrl: reference.proxy().url });
  try {
    await device.signIn(reference.server().account(displayName));
    await device.synced();
    const { warnings } = await device.call<{ warnings: { message: string }[] }>(
      'caseload.list',
      {},
    );
    return warnings.map((w) => w.message);
  } finally {
    await device.close();
  }
}

describe('minimum caseload by contract', () => {
  it('12 patients: below the minimum for an employed PWP, enough for an agency one', async () => {
    expect(await warningsOf('Amelia Hart')).toContain('12 patients, below the minimum of 15');
    expect(await warningsOf('Tom Reeve')).not.toContainEqual(
      expect.stringMatching(/below the minimum/),
    );
  });
});
