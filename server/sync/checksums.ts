import type { ChecksumsResponse, Lane } from '../../shared/api';
import type { Database } from '../db/database';
import { committedCursor } from './feed';
import { NOT_QUARANTINED, VISIBLE, scopeOf } from './feedRows';
import { visibilityOf } from './visibility';

/**
 * Per-scope id-set checksums of what the caller can currently see in a lane, read in one
 * snapshot: the visibility, `asOf` and the rows are the same moment of the feed.
 */
export const checksumsFor = async (
  db: Database,
  user: { id: string; orgId: string },
  lane: Lane,
): Promise<Omit<ChecksumsResponse, 'serverTime'>> =>
  db.readSnapshot(async (snapshot) => {
    const visibility = await visibilityOf(snapshot, user);
    await snapshot.step('checksums:visibility');
    const asOf = await committedCursor(snapshot);
    await snapshot.step('checksums:head');
    const rows = await snapshot.query<{
      patient_id: string | null;
      therapist_id: string | null;
      org_id: string;
      n: number;
      md5: string;
    }>(
      `SELECT patient_id, therapist_id, org_id, count(*)::int8 AS n,
              md5(string_agg(entity || ':' || id::text || ':' || version::text, ',' ORDER BY entity COLLATE "C", id::text COLLATE "C")) AS md5
         FROM sync_feed
        WHERE lane = $1 AND NOT deleted AND cursor <= $2 AND ${VISIBLE} AND ${NOT_QUARANTINED}
        GROUP BY patient_id, therapist_id, org_id`,
      [lane, asOf, visibility.patientIds, visibility.therapistIds, visibility.orgId],
    );
    return {
      lane,
      asOf: String(asOf),
      scopes: rows.map((r) => ({ scope: scopeOf(r), count: r.n, md5: r.md5 })),
    };
  });
