import type { Connection } from '../connection';
import type { AuditEvent, AuditQueue, DeviceSettings, SyncCursors } from '../interface';

export function syncCursors(db: Connection): SyncCursors {
  const get = db.prepare('SELECT cursor FROM sync_state WHERE lane = ?').pluck();
  const set = db.prepare(
    `INSERT INTO sync_state (lane, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (lane) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  return {
    get: (lane) => {
      const cursor: unknown = get.get(lane);
      return typeof cursor === 'string' ? cursor : null;
    },
    set: (lane, cursor, updatedAt) => void set.run(lane, cursor, updatedAt),
  };
}

export function auditQueue(db: Connection): AuditQueue {
  const record = db.prepare(
    `INSERT OR IGNORE INTO audit_queue (event_id, action, patient_id, entity_id, occurred_at,
       country) VALUES (@eventId, @action, @patientId, @entityId, @occurredAt, @country)`,
  );
  const queued = db.prepare(
    `SELECT id AS queueId, event_id AS eventId, action, patient_id AS patientId,
       entity_id AS entityId, occurred_at AS occurredAt, country
     FROM audit_queue ORDER BY id LIMIT ?`,
  );
  const acknowledge = db.prepare('DELETE FROM audit_queue WHERE id = ?');
  return {
    record: (event) => void record.run(event),
    listQueued: (limit) => queued.all(limit) as (AuditEvent & { readonly queueId: number })[],
    acknowledge: db.transaction((ids: readonly number[]) => {
      for (const id of ids) acknowledge.run(id);
    }),
  };
}

export function deviceSettings(db: Connection): DeviceSettings {
  const get = db.prepare('SELECT value FROM device_settings WHERE key = ?').pluck();
  const set = db.prepare(
    `INSERT INTO device_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM device_settings WHERE key = ?');
  return {
    get: (key) => {
      const value: unknown = get.get(key);
      return typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined;
    },
    set: (key, value, updatedAt) => void set.run(key, JSON.stringify(value), updatedAt),
    remove: (key) => void remove.run(key),
  };
}
