import { DateTime } from 'luxon';
import {
  Appointment,
  Episode,
  Measure,
  Message,
  Note,
  Patient,
  ServiceConfig,
  Ticket,
} from '../../../shared/api';
import {
  type Deadline,
  caseReviewsFallingDue,
  computeDeadlines,
  serviceConfigFromWire,
} from '../../../shared/clinical';
import { toClinicalFacts } from '../../../electron/core/workspace/clinical-facts';
import type { Queryable } from '../../../server/db/database';
import { loadRecords } from '../../../server/sync/loaders';

const DAY = 24 * 3_600_000;

/** The UK date of the working day ahead of `now`: today while the diary is open, else the next weekday. */
export const workingDayAhead = (now: Date): string => {
  let day = DateTime.fromJSDate(now, { zone: 'Europe/London' });
  if (day.weekday <= 5 && day.hour < 17) return day.toISODate() ?? '';
  do day = day.plus({ days: 1 });
  while (day.weekday > 5);
  return day.toISODate() ?? '';
};

/** What one demo account's first screen holds as of `now`: counts of open deadlines and sessions. */
export interface DemoDay {
  role: string;
  patients: number;
  open: number;
  overdue: number;
  /** Due within 24 hours (the client's "due soon", listed first on Today). */
  dueToday: number;
  /** Open, not overdue, due within seven days. */
  dueThisWeek: number;
  /** Patients' messages awaiting a reply that is not late yet. */
  repliesAwaiting: number;
  repliesOverdue: number;
  /** Booked sessions (no outcome yet) in the next 24 hours (later today, or tomorrow morning in the evening), and in seven days. */
  sessionsToday: number;
  sessionsThisWeek: number;
  /**
   * Booked sessions on the working day ahead, UK time: today while the diary is still open
   * (a weekday before 17:00), else the next weekday.
   */
  sessionsNextWorkingDay: number;
  /** Transcripts of sessions held in the last seven days (what a supervisor reviews this week). */
  transcriptsThisWeek: number;
  /** Case reviews (four-weekly rule) overdue, and falling due within seven days. */
  reviewsOverdue: number;
  reviewsDueThisWeek: number;
  overdueByKind: Record<string, number>;
  deadlines: Deadline[];
}

const ids = async (db: Queryable, sql: string, params: unknown[]) =>
  (await db.query<{ id: string }>(sql, params)).map((r) => r.id);

const load = async <T>(
  db: Queryable,
  entity: Parameters<typeof loadRecords>[1],
  recordIds: string[],
  parse: (v: unknown) => T,
): Promise<T[]> => [...(await loadRecords(db, entity, recordIds)).values()].map(parse);

/**
 * Each seeded staff member's day as the client would compute it: their patients' wire records
 * (a supervisor: every current supervisee's), mapped by the client's own toClinicalFacts and
 * run through shared/clinical's computeDeadlines and caseReviewsFallingDue.
 */
export const demoDays = async (db: Queryable, now: Date): Promise<Map<string, DemoDay>> => {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const [configRow] = await ids(db, 'SELECT id FROM service_config', []);
  const config = serviceConfigFromWire(
    (await load(db, 'serviceConfig', [configRow ?? ''], (v) => ServiceConfig.parse(v)))[0],
  );
  const staff = await db.query<{ id: string; display_name: string; role: string }>(
    `SELECT id, display_name, role FROM users WHERE role <> 'admin' ORDER BY display_name`,
  );
  const days = new Map<string, DemoDay>();
  for (const user of staff) {
    const patientIds = await ids(
      db,
      `SELECT p.id FROM patients p WHERE p.therapist_id = $1
          OR p.therapist_id IN (SELECT therapist_id FROM supervision_assignments
                                 WHERE supervisor_id = $1 AND valid_to IS NULL)`,
      [user.id],
    );
    const of = (table: string) =>
      ids(db, `SELECT id FROM ${table} WHERE patient_id = ANY($1::uuid[])`, [patientIds]);
    const cached = {
      patients: await load(db, 'patient', patientIds, (v) => Patient.parse(v)),
      episodes: await load(db, 'episode', await of('episodes'), (v) => Episode.parse(v)),
      appointments: await load(db, 'appointment', await of('appointments'), (v) =>
        Appointment.parse(v),
      ),
      messages: await load(db, 'message', await of('messages'), (v) => Message.parse(v)),
      notes: await load(db, 'note', await of('notes'), (v) => Note.parse(v)),
      tickets: await load(db, 'ticket', await of('tickets'), (v) => Ticket.parse(v)),
      measures: await load(db, 'measure', await of('measures'), (v) => Measure.parse(v)),
    };
    const facts = toClinicalFacts(cached);
    const deadlines = computeDeadlines(facts, config, nowIso);
    const open = deadlines.filter((d) => d.state !== 'done');
    const dueMs = (d: Deadline) => Date.parse(d.dueAt);
    const overdue = open.filter((d) => d.state === 'overdue');
    const notLate = open.filter((d) => d.state !== 'overdue');
    const booked = cached.appointments
      .filter((a) => a.outcome === null)
      .map((a) => Date.parse(a.startsAt))
      .filter((ms) => ms >= nowMs);
    const ahead = workingDayAhead(now);
    const ukDate = (ms: number) =>
      DateTime.fromMillis(ms, { zone: 'Europe/London' }).toISODate() ?? '';
    const [{ count: transcriptsThisWeek } = { count: 0 }] = await db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM transcripts
        WHERE patient_id = ANY($1::uuid[]) AND started_at > $2::timestamptz AND started_at <= $3::timestamptz`,
      [patientIds, new Date(nowMs - 7 * DAY).toISOString(), nowIso],
    );
    const reviews = caseReviewsFallingDue(facts, config, nowIso, 7 * 24);
    const overdueByKind: Record<string, number> = {};
    for (const d of overdue) overdueByKind[d.kind] = (overdueByKind[d.kind] ?? 0) + 1;
    days.set(user.display_name, {
      role: user.role,
      patients: cached.patients.filter((p) => p.status === 'active').length,
      open: open.length,
      overdue: overdue.length,
      dueToday: open.filter((d) => d.state === 'due_soon').length,
      dueThisWeek: notLate.filter((d) => dueMs(d) <= nowMs + 7 * DAY).length,
      repliesAwaiting: notLate.filter((d) => d.kind === 'message_reply').length,
      repliesOverdue: overdue.filter((d) => d.kind === 'message_reply').length,
      sessionsToday: booked.filter((ms) => ms <= nowMs + DAY).length,
      sessionsThisWeek: booked.filter((ms) => ms <= nowMs + 7 * DAY).length,
      sessionsNextWorkingDay: booked.filter((ms) => ukDate(ms) === ahead).length,
      transcriptsThisWeek: Number(transcriptsThisWeek),
      reviewsOverdue: reviews.filter((r) => r.state === 'overdue').length,
      reviewsDueThisWeek: reviews.filter((r) => r.state !== 'overdue').length,
      overdueByKind,
      deadlines,
    });
  }
  return days;
};
