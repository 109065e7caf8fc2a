import type { TestServer } from './harness';

/**
 * A therapist's open step 2 episodes (active patients, by case reference) made bookable with
 * SQL of the test's own: their treatment sessions cancelled and no session extension request
 * raised, so each counts "0 of 4 treatment sessions used; 0 booked".
 */
export async function step2EpisodesWithRoom(
  server: TestServer,
  therapist: string,
  count: number,
): Promise<{ patient_id: string; id: string }[]> {
  const episodes = await server.db.query<{ patient_id: string; id: string }>(
    `SELECT e.patient_id, e.id FROM episodes e JOIN patients p ON p.id = e.patient_id
       JOIN users u ON u.id = p.therapist_id
      WHERE u.display_name = $1 AND e.step = 2 AND e.closed_at IS NULL AND p.status = 'active'
      ORDER BY p.case_reference LIMIT $2`,
    [therapist, count],
  );
  if (episodes.length < count)
    throw new Error(`${therapist} has fewer than ${count} open step 2 episodes`);
  for (const e of episodes) {
    await server.db.query(
      `UPDATE appointments SET outcome = 'cancelled', cancelled_by = 'therapist',
              cancelled_at = starts_at - interval '3 days'
        WHERE episode_id = $1 AND kind = 'treatment'`,
      [e.id],
    );
    await server.db.query(
      `UPDATE tickets SET type = 'four_weekly_review'
        WHERE patient_id = $1 AND type = 'session_extension_request'`,
      [e.patient_id],
    );
  }
  return episodes;
}
