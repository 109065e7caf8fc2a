import { randomUUID } from 'node:crypto';
import { startReferenceServer, type ReferenceServer } from '../../../server';
import { openDatabase, type Database, type Queryable } from '../../../server/db/database';
import { arrangingDatabase } from '../../support/arranging-database';
import { touchFeed } from '../../../server/sync/feed';

/**
 * A reference server of the spec's own (in-memory PGlite, the demo seed) for tests that must
 * arrange facts at fixed instants (a BST deadline, an appointment changed on another
 * device) before a device first syncs. The shared demo backend of global-setup stays untouched.
 */
export interface OwnBackend {
  readonly url: string;
  readonly db: Database;
  /**
   * An active patient of a demo therapist, by display name (the first by case reference with
   * at least `treatments` treatment appointments).
   */
  patientOf(
    therapist: string,
    treatments?: number,
  ): Promise<{ id: string; name: string; orgId: string }>;
  /**
   * One of the patient's treatment appointments (the `nth` by id), moved to start
   * `startsInMs` from now, `minutes` long, with no outcome: arranged before a device syncs.
   */
  arrangeAppointment(
    patientId: string,
    nth: number,
    startsInMs: number,
    minutes?: number,
  ): Promise<string>;
  /** Another device of the therapist records an outcome (as the server's handler would). */
  outcomeFromAnotherDevice(appointmentId: string, outcome: 'attended' | 'dna'): Promise<void>;
  /** Remove a patient's messages before any device has synced (arranging a clean thread). */
  clearMessages(patientId: string): Promise<void>;
  /** A patient's message at a fixed instant, published to the feed. */
  patientMessage(patientId: string, sentAt: string, body: string): Promise<string>;
  /** The therapist raises a ticket for their patient (as the server's handler would). */
  raiseTicket(
    patientId: string,
    type:
      'session_extension_request' | 'step_up_and_reallocate' | 'new_patient' | 'non_urgent_risk',
    body: string,
  ): Promise<string>;
  /** Another supervisor decides a ticket first (as the server's handler would). */
  decideTicket(ticketId: string, supervisor: string, comment: string): Promise<void>;
  /**
   * A PHQ-9 recorded now whose item 9 (thoughts of self-harm) scored `item9`: the patient's
   * risk flag, published to the feed.
   */
  riskMeasure(patientId: string, item9: 1 | 2 | 3): Promise<void>;
  /** Change the service's configuration (the synced `serviceConfig` record) before a sync. */
  serviceConfig(patch: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export async function startOwnBackend(): Promise<OwnBackend> {
  const served = await openDatabase({ kind: 'pglite' });
  // Specs arrange the demo with SQL of their own: the server renders those records afresh.
  const db = arrangingDatabase(served);
  const server: ReferenceServer = await startReferenceServer({
    database: { kind: 'external', database: served },
    seed: { profile: 'demo', seed: 11 },
    demoMode: true,
    logger: false,
    sweepIntervalMs: 0,
  });
  const orgOf = async (tx: Queryable, patientId: string): Promise<string> => {
    const [row] = await tx.query<{ org_id: string }>('SELECT org_id FROM patients WHERE id = $1', [
      patientId,
    ]);
    if (!row) throw new Error(`no patient ${patientId}`);
    return row.org_id;
  };
  return {
    url: server.url,
    db,
    async patientOf(therapist, treatments = 0) {
      const [row] = await db.query<{ id: string; name: string; org_id: string }>(
        `SELECT p.id, p.given_name || ' ' || p.family_name AS name, p.org_id FROM patients p
           JOIN users u ON u.id = p.therapist_id
          WHERE u.display_name = $1 AND p.status = 'active'
            AND (SELECT count(*) FROM appointments a WHERE a.patient_id = p.id AND a.kind = 'treatment') >= $2
          ORDER BY p.case_reference LIMIT 1`,
        [therapist, treatments],
      );
      if (!row) throw new Error(`no active patient of ${therapist}`);
      return { id: row.id, name: row.name, orgId: row.org_id };
    },
    async arrangeAppointment(patientId, nth, startsInMs, minutes = 60) {
      const rows = await db.query<{ id: string }>(
        // By id, not by time: arranging one appointment must not change which is the nth.
        `SELECT id FROM appointments WHERE patient_id = $1 AND kind = 'treatment' ORDER BY id`,
        [patientId],
      );
      const id = rows[nth]?.id;
      if (!id) throw new Error(`patient ${patientId} has no treatment appointment #${nth}`);
      await db.transaction(async (tx) => {
        await tx.query(
          `UPDATE appointments SET starts_at = $2, duration_minutes = $3, outcome = NULL, cancelled_at = NULL, cancelled_by = NULL WHERE id = $1`,
          [id, new Date(Date.now() + startsInMs).toISOString(), minutes],
        );
        await touchFeed(tx, {
          entity: 'appointment',
          id,
          orgId: await orgOf(tx, patientId),
          patientId,
          therapistId: null,
        });
      });
      return id;
    },
    async outcomeFromAnotherDevice(appointmentId, outcome) {
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ patient_id: string; therapist_id: string }>(
          `UPDATE appointments SET outcome = $2 WHERE id = $1 RETURNING patient_id, therapist_id`,
          [appointmentId, outcome],
        );
        if (!row) throw new Error(`no appointment ${appointmentId}`);
        const version = await touchFeed(tx, {
          entity: 'appointment',
          id: appointmentId,
          orgId: await orgOf(tx, row.patient_id),
          patientId: row.patient_id,
          therapistId: null,
        });
        await tx.query(
          `INSERT INTO appointment_outcome_revisions (appointment_id, version, device_id, user_id, outcome, recorded_at)
           VALUES ($1, $2, $3, $4, $5, now())`,
          [appointmentId, version, randomUUID(), row.therapist_id, outcome],
        );
      });
    },
    async riskMeasure(patientId, item9) {
      const items = [1, 1, 2, 1, 1, 1, 1, 1, item9];
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO measures (id, patient_id, appointment_id, kind, items, total, recorded_at)
           VALUES ($1, $2, NULL, 'PHQ9', $3, $4, now())`,
          [id, patientId, items, items.reduce((a, b) => a + b, 0)],
        );
        await touchFeed(tx, {
          entity: 'measure',
          id,
          orgId: await orgOf(tx, patientId),
          patientId,
          therapistId: null,
        });
      });
    },
    async clearMessages(patientId) {
      await db.transaction(async (tx) => {
        await tx.query(
          `DELETE FROM sync_feed WHERE entity = 'message' AND id IN (SELECT id FROM messages WHERE patient_id = $1)`,
          [patientId],
        );
        await tx.query('DELETE FROM messages WHERE patient_id = $1', [patientId]);
      });
    },
    async patientMessage(patientId, sentAt, body) {
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO messages (id, patient_id, therapist_id, direction, body, sent_at) VALUES ($1, $2, NULL, 'inbound', $3, $4)`,
          [id, patientId, body, sentAt],
        );
        await touchFeed(tx, {
          entity: 'message',
          id,
          orgId: await orgOf(tx, patientId),
          patientId,
          therapistId: null,
        });
      });
      return id;
    },
    async raiseTicket(patientId, type, body) {
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO tickets (id, patient_id, therapist_id, type, body, state, raised_at)
             SELECT $1, p.id, p.therapist_id, $3, $4, 'open', now() FROM patients p WHERE p.id = $2`,
          [id, patientId, type, body],
        );
        await touchFeed(tx, {
          entity: 'ticket',
          id,
          orgId: await orgOf(tx, patientId),
          patientId,
          therapistId: null,
        });
      });
      return id;
    },
    async decideTicket(ticketId, supervisor, comment) {
      await db.transaction(async (tx) => {
        const [row] = await tx.query<{ patient_id: string }>(
          `UPDATE tickets SET state = 'approved', decision = 'approve', decision_comment = $3,
              decided_at = now(), decided_by = (SELECT id FROM users WHERE display_name = $2)
            WHERE id = $1 AND state = 'open' RETURNING patient_id`,
          [ticketId, supervisor, comment],
        );
        if (!row) throw new Error(`no open ticket ${ticketId}`);
        await touchFeed(tx, {
          entity: 'ticket',
          id: ticketId,
          orgId: await orgOf(tx, row.patient_id),
          patientId: row.patient_id,
          therapistId: null,
        });
      });
    },
    async serviceConfig(patch) {
      await db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string; org_id: string }>(
          `UPDATE service_config SET config = config || $1::jsonb RETURNING id, org_id`,
          [JSON.stringify(patch)],
        );
        for (const row of rows)
          await touchFeed(tx, {
            entity: 'serviceConfig',
            id: row.id,
            orgId: row.org_id,
            patientId: null,
            therapistId: null,
          });
      });
    },
    async close() {
      await server.close();
      await db.close();
    },
  };
}
