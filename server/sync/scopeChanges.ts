import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';
import { publishEviction, republishScope, touchFeed } from './feed';
import { lostAccess, viewersOfPatient, visibilityOf } from './visibility';

// Everything that changes who can see what. Each publishes evictions to those who lost
// access and re-publishes the scope for those who gained it, in the write's transaction.

const orgOfPatient = async (tx: Queryable, patientId: string) => {
  const [row] = await tx.query<{ org_id: string }>('SELECT org_id FROM patients WHERE id = $1', [
    patientId,
  ]);
  if (!row) throw new Error(`no patient ${patientId}`);
  return row.org_id;
};

/** Moves a patient (and their open episode) to another therapist. */
export const reallocatePatient = async (
  db: Database,
  patientId: string,
  toTherapistId: string,
  reason: string,
) =>
  db.transaction(async (tx) => {
    const before = await viewersOfPatient(tx, patientId);
    const [episode] = await tx.query<{ id: string }>(
      `SELECT id FROM episodes WHERE patient_id = $1 AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1`,
      [patientId],
    );
    await tx.query('UPDATE patients SET therapist_id = $2 WHERE id = $1', [
      patientId,
      toTherapistId,
    ]);
    const orgId = await orgOfPatient(tx, patientId);
    if (episode) {
      await tx.query('UPDATE episodes SET allocated_therapist_id = $2 WHERE id = $1', [
        episode.id,
        toTherapistId,
      ]);
      await tx.query(
        'UPDATE episode_allocations SET valid_to = now() WHERE episode_id = $1 AND valid_to IS NULL',
        [episode.id],
      );
      await tx.query(
        'INSERT INTO episode_allocations (id, episode_id, therapist_id, valid_from, reason) VALUES ($1, $2, $3, now(), $4)',
        [randomUUID(), episode.id, toTherapistId, reason],
      );
      await touchFeed(tx, {
        entity: 'episode',
        id: episode.id,
        orgId,
        patientId,
        therapistId: null,
      });
    }
    await touchFeed(tx, { entity: 'patient', id: patientId, orgId, patientId, therapistId: null });
    const after = await viewersOfPatient(tx, patientId);
    const lost = [...before].filter((u) => !after.has(u));
    await publishEviction(tx, lost, { kind: 'patient', patientId }, 'reallocated');
    await republishScope(tx, { patientIds: [patientId], therapistIds: [] });
  });

export const assignSupervisor = async (
  db: Database,
  supervisorId: string,
  therapistId: string,
  from = new Date(),
) =>
  db.transaction(async (tx) => {
    const id = randomUUID();
    await tx.query(
      'INSERT INTO supervision_assignments (id, supervisor_id, therapist_id, valid_from) VALUES ($1, $2, $3, $4)',
      [id, supervisorId, therapistId, from.toISOString()],
    );
    const [user] = await tx.query<{ org_id: string }>('SELECT org_id FROM users WHERE id = $1', [
      therapistId,
    ]);
    if (!user) throw new Error(`no user ${therapistId}`);
    await touchFeed(tx, {
      entity: 'supervisionAssignment',
      id,
      orgId: user.org_id,
      patientId: null,
      therapistId,
    });
    const patients = await tx.query<{ id: string }>(
      'SELECT id FROM patients WHERE therapist_id = $1',
      [therapistId],
    );
    await republishScope(tx, {
      patientIds: patients.map((p) => p.id),
      therapistIds: [therapistId],
    });
    return id;
  });

/**
 * Publishes the end of every assignment whose end has passed and is not yet published. The
 * supervisor loses what their visibility with the assignment had and without it has not:
 * each such patient is evicted on its own (a patient still visible through another
 * supervisee stays), then the therapist's own records (the `supervisee` scope).
 */
const publishEndedAssignments = async (tx: Queryable) => {
  const ended = await tx.query<{
    id: string;
    supervisor_id: string;
    supervisor_org_id: string;
    therapist_id: string;
    org_id: string;
  }>(
    `SELECT a.id, a.supervisor_id, s.org_id AS supervisor_org_id, a.therapist_id, u.org_id
       FROM supervision_assignments a JOIN users u ON u.id = a.therapist_id JOIN users s ON s.id = a.supervisor_id
      WHERE a.valid_to IS NOT NULL AND a.valid_to <= now() AND a.end_published_at IS NULL
      ORDER BY a.valid_to, a.id FOR UPDATE OF a`,
  );
  for (const a of ended) {
    await tx.query('UPDATE supervision_assignments SET end_published_at = now() WHERE id = $1', [
      a.id,
    ]);
    await touchFeed(tx, {
      entity: 'supervisionAssignment',
      id: a.id,
      orgId: a.org_id,
      patientId: null,
      therapistId: a.therapist_id,
    });
    const supervisor = { id: a.supervisor_id, orgId: a.supervisor_org_id };
    const lost = lostAccess(
      await visibilityOf(tx, supervisor, { alsoSupervising: [a.therapist_id] }),
      await visibilityOf(tx, supervisor),
    );
    for (const patientId of lost.patientIds)
      await publishEviction(
        tx,
        [a.supervisor_id],
        { kind: 'patient', patientId },
        'supervision_ended',
      );
    for (const therapistId of lost.therapistIds)
      await publishEviction(
        tx,
        [a.supervisor_id],
        { kind: 'supervisee', therapistId },
        'supervision_ended',
      );
  }
  return ended.length;
};

export const endSupervision = async (
  db: Database,
  supervisorId: string,
  therapistId: string,
  at = new Date(),
) =>
  db.transaction(async (tx) => {
    await tx.query(
      `UPDATE supervision_assignments SET valid_to = $3 WHERE supervisor_id = $1 AND therapist_id = $2 AND (valid_to IS NULL OR valid_to > $3)`,
      [supervisorId, therapistId, at.toISOString()],
    );
    return publishEndedAssignments(tx);
  });

/** Discharged patients past the retention window leave every device. */
const expireRetention = async (tx: Queryable) => {
  const expired = await tx.query<{ id: string }>(
    `SELECT p.id FROM patients p JOIN service_config c ON c.org_id = p.org_id
      WHERE p.status = 'discharged' AND p.retention_expired_at IS NULL
        AND p.discharged_at + make_interval(days => (c.config->>'dischargedRetentionDays')::int) <= now()
      FOR UPDATE OF p`,
  );
  for (const p of expired) {
    const viewers = await viewersOfPatient(tx, p.id);
    await tx.query('UPDATE patients SET retention_expired_at = now() WHERE id = $1', [p.id]);
    await publishEviction(
      tx,
      [...viewers],
      { kind: 'patient', patientId: p.id },
      'retention_expired',
    );
  }
  return expired.length;
};

/** Periodic maintenance (every API node may run it; row locks make it idempotent). */
export const sweepScopes = async (db: Database) =>
  db.transaction(async (tx) => ({
    supervisionEnded: await publishEndedAssignments(tx),
    retentionExpired: await expireRetention(tx),
  }));
