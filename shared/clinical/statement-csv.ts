import { formatPounds } from './money';
import type { PaidAs, StatementLine, StatementOfHours } from './statement';
import { formatLocalDateTime } from './time';

/** How a line is paid, in words: the statement on screen and its CSV say the same. */
export const PAID_AS_WORDS: Record<PaidAs, string> = {
  full: 'in full',
  half: 'half rate',
  unpaid_over_limit: 'not paid: over the missed sessions paid per episode',
  unpaid_not_paid_at_step: 'not paid at this step',
  unpaid_length_not_booked: 'not paid: a length the service does not book for this step',
};

const OUTCOME_WORDS: Record<StatementLine['outcome'], string> = {
  attended: 'attended',
  dna: 'did not attend',
  late_cancellation: 'late cancellation',
};

/** Columns a person (or the payroll office) reads in a spreadsheet: words, not ids. */
const HEADER = [
  'Date and time (UK)',
  'Case reference',
  'Step',
  'Session',
  'Minutes',
  'Outcome',
  'Paid as',
  'Rate from',
  'Hourly rate (£)',
  'Pay (£)',
  'Holiday pay (£)',
  'Total (£)',
];

/**
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @ at the
 * start) is prefixed with an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The statement as CSV (CRLF lines, amounts in pounds with two decimals, UK times). Patients
 * are named by case reference, not by name: the file leaves the app, and payroll needs no
 * more than a reference to check a line.
 */
export function statementCsv(
  statement: StatementOfHours,
  caseReferenceOf: (patientId: string) => string,
): string {
  const rows = statement.lines.map((l) => [
    formatLocalDateTime(l.startsAt, statement.zone),
    caseReferenceOf(l.patientId),
    String(l.step),
    l.kind,
    String(l.durationMinutes),
    OUTCOME_WORDS[l.outcome],
    PAID_AS_WORDS[l.paidAs],
    l.rateEffectiveFrom,
    formatPounds(l.hourlyRatePence),
    formatPounds(l.basePence),
    formatPounds(l.holidayPence),
    formatPounds(l.totalPence),
  ]);
  const total = [
    `Total for ${statement.month}`,
    ...Array<string>(8).fill(''),
    formatPounds(statement.basePence),
    formatPounds(statement.holidayPence),
    formatPounds(statement.totalPence),
  ];
  return [HEADER, ...rows, total].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
