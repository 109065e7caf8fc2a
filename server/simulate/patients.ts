import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { touchFeed } from '../sync/feed';
import { INBOUND_MESSAGES } from '../seed/vocabulary';

export interface SimulationTick {
  readonly messages: number;
  readonly measures: number;
}

/**
 * One round of patients acting on the service, as the patient app's backend would record
 * it: some send their therapist a message (starting the 48-hour reply clock), some complete
 * questionnaires ahead of their next session. The reference API has no patient endpoints,
 * so the simulator writes through the server's data layer and publishes to the change feed
 * like any other write. `random` is injectable for deterministic tests.
 */
export async function simulatePatientsOnce(
  db: Database,
  options: { share?: number; random?: () => number; now?: Date } = {},
): Promise<SimulationTick> {
  const random = options.random ?? Math.random;
  const share = options.share ?? 0.05;
  const now = options.now ?? new Date();
  const patients = await db.query<{ id: string; org_id: string }>(
    `SELECT id, org_id FROM patients WHERE status = 'active' ORDER BY id`,
  );
  let messages = 0;
  let measures = 0;
  await db.transaction(async (tx) => {
    for (const patient of patients) {
      if (random() >= share) continue;
      if (random() < 0.6) {
        const id = randomUUID();
        const body =
          INBOUND_MESSAGES[Math.floor(random() * INBOUND_MESSAGES.length)] ??
          'Hello, could we talk about my next session?';
        await tx.query(
          `INSERT INTO messages (id, patient_id, therapist_id, direction, body, sent_at) VALUES ($1, $2, NULL, 'inbound', $3, $4)`,
          [id, patient.id, body, now.toISOString()],
        );
        await touchFeed(tx, {
          entity: 'message',
          id,
          orgId: patient.org_id,
          patientId: patient.id,
          therapistId: null,
        });
        messages += 1;
      } else {
        const [next] = await tx.query<{ id: string }>(
          `SELECT id FROM appointments WHERE patient_id = $1 AND starts_at > $2 AND outcome IS NULL ORDER BY starts_at LIMIT 1`,
          [patient.id, now.toISOString()],
        );
        for (const [kind, count, max] of [
          ['PHQ9', 9, 3],
          ['GAD7', 7, 3],
        ] as const) {
          const items = Array.from({ length: count }, (_, i) =>
            kind === 'PHQ9' && i === 8 ? 0 : Math.floor(random() * (max + 1)),
          );
          const id = randomUUID();
          await tx.query(
            `INSERT INTO measures (id, patient_id, appointment_id, kind, items, total, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [
              id,
              patient.id,
              next?.id ?? null,
              kind,
              items,
              items.reduce((a, b) => a + b, 0),
              now.toISOString(),
            ],
          );
          await touchFeed(tx, {
            entity: 'measure',
            id,
            orgId: patient.org_id,
            patientId: patient.id,
            therapistId: null,
          });
          measures += 1;
        }
      }
    }
  });
  return { messages, measures };
}
