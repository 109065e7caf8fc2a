import { DateTime } from 'luxon';
import type { Queryable } from '../../../server/db/database';
import { DEFAULT_SERVICE_CONFIG } from '../../../server/seed/organisation';

const LONDON = 'Europe/London';
const OFFICE = DEFAULT_SERVICE_CONFIG.urgentRisk.officeHours;

const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether [start, start + minutes) lies inside the service's office hours, UK time. */
export const inOfficeHours = (startMs: number, minutes = 0): boolean => {
  const uk = DateTime.fromMillis(startMs, { zone: LONDON });
  const from = uk.hour * 60 + uk.minute;
  return OFFICE.some(
    (h) =>
      h.days.includes(uk.weekday) && from >= minutesOf(h.from) && from + minutes <= minutesOf(h.to),
  );
};

const ukHour = (ms: number) => DateTime.fromMillis(ms, { zone: LONDON }).hour;
const show = (ms: number) =>
  DateTime.fromMillis(ms, { zone: LONDON }).toFormat('EEEE d MMMM yyyy HH:mm');

/**
 * When the seeded records happen, UK time, against the service's office hours
 * (DEFAULT_SERVICE_CONFIG.urgentRisk.officeHours): the staff's work (sessions, their messages,
 * notes, tickets raised and decided) outside them, and the patients' messages at night
 * (23:00–07:00); and how varied the transcripts are.
 */
export const seedCalendar = async (db: Queryable) => {
  const outsideHours: string[] = [];
  const check = (what: string, ms: number, minutes = 0) => {
    if (!inOfficeHours(ms, minutes)) outsideHours.push(`${what} at ${show(ms)}`);
  };
  const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
  for (const a of await db.query<{
    starts_at: unknown;
    duration_minutes: number;
    outcome: string | null;
  }>('SELECT starts_at, duration_minutes, outcome FROM appointments'))
    check(
      `a ${a.duration_minutes}-minute session (${a.outcome ?? 'booked'})`,
      ms(a.starts_at),
      a.duration_minutes,
    );
  const messages = await db.query<{ direction: string; sent_at: unknown }>(
    'SELECT direction, sent_at FROM messages',
  );
  for (const m of messages)
    if (m.direction === 'outbound') check('a therapist message', ms(m.sent_at));
  const inbound = messages.filter((m) => m.direction === 'inbound').map((m) => ms(m.sent_at));
  const atNight = inbound.filter((t) => ukHour(t) >= 23 || ukHour(t) < 7).length;
  for (const n of await db.query<{ kind: string; updated_at: unknown }>(
    'SELECT kind, updated_at FROM notes',
  ))
    check(`a ${n.kind} written`, ms(n.updated_at));
  for (const t of await db.query<{ type: string; raised_at: unknown; decided_at: unknown }>(
    'SELECT type, raised_at, decided_at FROM tickets',
  )) {
    check(`a ${t.type} ticket raised`, ms(t.raised_at));
    if (t.decided_at !== null) check(`a ${t.type} ticket decided`, ms(t.decided_at));
  }
  const lines = await db.query<{ transcript_id: string; text: string }>(
    'SELECT transcript_id, text FROM utterances',
  );
  const byTranscript = new Map<string, string[]>();
  for (const l of lines) {
    const list = byTranscript.get(l.transcript_id) ?? [];
    list.push(l.text);
    byTranscript.set(l.transcript_id, list);
  }
  const ratios = [...byTranscript.values()].map((l) => new Set(l).size / l.length);
  return {
    outsideHours,
    inbound: inbound.length,
    inboundAtNight: atNight,
    transcripts: byTranscript.size,
    /** Distinct lines over lines, within one transcript: the least varied, and on average. */
    transcriptDistinctMin: Math.min(...ratios),
    transcriptDistinctMean: ratios.reduce((a, b) => a + b, 0) / ratios.length,
    /** Distinct lines over lines across every transcript. */
    distinctOverall: new Set(lines.map((l) => l.text)).size / lines.length,
  };
};
