import { formatPounds } from './money';
import type { StatementOfHours } from './statement';
import { formatLocalDateTime } from './time';

const HEADER = [
  'date',
  'appointment_id',
  'patient_id',
  'episode_id',
  'step',
  'kind',
  'minutes',
  'outcome',
  'paid_as',
  'rate_effective_from',
  'hourly_rate',
  'pay',
  'holiday_pay',
  'total',
];

/**
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @ at the
 * start) is prefixed with an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The statement as CSV (CRLF lines, amounts in pounds with two decimals, local times). */
export function statementCsv(statement: StatementOfHours): string {
  const rows = statement.lines.map((l) => [
    formatLocalDateTime(l.startsAt, statement.zone),
    l.appointmentId,
    l.patientId,
    l.episodeId,
    String(l.step),
    l.kind,
    String(l.durationMinutes),
    l.outcome,
    l.paidAs,
    l.rateEffectiveFrom,
    formatPounds(l.hourlyRatePence),
    formatPounds(l.basePence),
    formatPounds(l.holidayPence),
    formatPounds(l.totalPence),
  ]);
  const total = [
    `total ${statement.month}`,
    ...Array<string>(10).fill(''),
    formatPounds(statement.basePence),
    formatPounds(statement.holidayPence),
    formatPounds(statement.totalPence),
  ];
  return [HEADER, ...rows, total].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
