import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import { touchFeed } from '../../server/sync/feed';

/** What a patient does on the service's side (they use the patient app, not this client). */
export async function patientSendsMessage(
  db: { transaction<T>(w: (tx: Queryable) => Promise<T>): Promise<T> },
  patientId: string,
  body: string,
): Promise<string> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [patient] = await tx.query<{ org_id: string }>(
      'SELECT org_id FROM patients WHERE id = $1',
      [patientId],
    );
    if (!patient) throw new Error(`no patient ${patientId}`);
    await tx.query(
      `INSERT INTO messages (id, patient_id, therapist_id, direction, body, sent_at) VALUES ($1, $2, NULL, 'inbound', $3, now())`,
      [id, patientId, body],
    );
    await touchFeed(tx, {
      entity: 'message',
      id,
      orgId: patient.org_id,
      patientId,
      therapistId: null,
    });
  });
  return id;
}
