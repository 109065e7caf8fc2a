import type { Database, Queryable } from '../../server/db/database';

/** INSERT, UPDATE or DELETE anywhere in the statement (a CTE, ON CONFLICT … DO UPDATE). */
const writes = (sql: string): boolean => /\b(insert\s+into|update|delete\s+from)\b/i.test(sql);

/**
 * Test seam: a handle on the reference server's database for tests that arrange the seeded
 * demo with SQL of their own (a patient's sessions cancelled, a ticket's type changed) rather
 * than through the service. The service keeps each record's wire JSON, rendered when it is
 * written (server/sync/documents.ts), and a row changed behind the feed keeps its old
 * rendering until the record is written again. After any statement that writes, this handle
 * forgets every rendered document, so the next pull renders the records from their rows: as
 * if the seed had made them so. A test of the documents themselves uses the server's own
 * handle (TestServer.rawDb).
 */
export function arrangingDatabase(db: Database): Database {
  const forget = async (): Promise<void> => {
    await db.query('DELETE FROM feed_documents');
  };
  const arranging = (tx: Queryable, wrote: { yes: boolean }): Queryable => ({
    ...tx,
    query: (sql, params) => {
      if (writes(sql)) wrote.yes = true;
      return tx.query(sql, params);
    },
    exec: (sql) => {
      if (writes(sql)) wrote.yes = true;
      return tx.exec(sql);
    },
  });
  return {
    ...db,
    query: async <R>(sql: string, params?: unknown[]): Promise<R[]> => {
      const rows = await db.query<R>(sql, params);
      if (writes(sql)) await forget();
      return rows;
    },
    exec: async (sql) => {
      await db.exec(sql);
      if (writes(sql)) await forget();
    },
    transaction: async (work) => {
      const wrote = { yes: false };
      const result = await db.transaction((tx) => work(arranging(tx, wrote)));
      if (wrote.yes) await forget();
      return result;
    },
  };
}
