import type { Database } from './database';
import { initialSchema } from './migrations/001_initial';
import { syncIntegritySchema } from './migrations/002_sync_integrity';
import { sessionSecuritySchema } from './migrations/003_session_security';
import { clinicalFactsSchema } from './migrations/004_clinical_facts';
import { supervisionSchema } from './migrations/005_supervision';
import { workAbroadTripsSchema } from './migrations/006_work_abroad_trips';
import { locationDecisionsSchema } from './migrations/007_location_decisions';
import { tripPurposeSchema } from './migrations/008_trip_purpose';
import { tripToldSchema } from './migrations/010_trip_told';
import { feedDocumentsSchema } from './migrations/011_feed_documents';
import { feedPlaceholdersSchema } from './migrations/012_feed_placeholders';

/** Numbered, append-only. Never edit a released migration; add the next one. */
const migrations: { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'sync integrity', sql: syncIntegritySchema },
  { version: 3, name: 'session security', sql: sessionSecuritySchema },
  { version: 4, name: 'clinical facts', sql: clinicalFactsSchema },
  { version: 5, name: 'supervision', sql: supervisionSchema },
  { version: 6, name: 'work abroad trips', sql: workAbroadTripsSchema },
  { version: 7, name: 'location decisions', sql: locationDecisionsSchema },
  { version: 8, name: 'trip purpose', sql: tripPurposeSchema },
  { version: 10, name: 'trip told', sql: tripToldSchema },
  { version: 11, name: 'feed documents', sql: feedDocumentsSchema },
  { version: 12, name: 'feed placeholders', sql: feedPlaceholdersSchema },
];

/** Applies missing migrations. Safe when several API nodes start at once (advisory lock). */
export const migrate = async (db: Database): Promise<number[]> =>
  db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727001)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    );
    const newlyApplied: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      newlyApplied.push(m.version);
    }
    return newlyApplied;
  });
