import type { Queryable } from '../db/database';

type PgType =
  'uuid' | 'text' | 'int4' | 'int2' | 'bool' | 'timestamptz' | 'date' | 'jsonb' | 'int4[]';

/** Table → ordered columns with their types (the unnest() casts). */
export const TABLES = {
  organisations: { id: 'uuid', name: 'text' },
  users: {
    id: 'uuid',
    org_id: 'uuid',
    email: 'text',
    display_name: 'text',
    role: 'text',
    step: 'int2',
    password_hash: 'text',
    totp_secret: 'text',
    service_start_date: 'date',
    validation_ends_on: 'date',
    desired_caseload: 'int4',
    contract_type: 'text',
  },
  demo_credentials: { user_id: 'uuid', password: 'text' },
  service_config: { id: 'uuid', org_id: 'uuid', config: 'jsonb' },
  pay_rates: {
    id: 'uuid',
    org_id: 'uuid',
    effective_from: 'date',
    step: 'int2',
    appointment_kind: 'text',
    duration_minutes: 'int2',
    rate_pence: 'int4',
    holiday_pay_basis_points: 'int4',
  },
  approved_countries: { id: 'uuid', org_id: 'uuid', country: 'text', user_id: 'uuid' },
  supervision_assignments: {
    id: 'uuid',
    supervisor_id: 'uuid',
    therapist_id: 'uuid',
    valid_from: 'timestamptz',
    valid_to: 'timestamptz',
  },
  patients: {
    id: 'uuid',
    org_id: 'uuid',
    case_reference: 'text',
    given_name: 'text',
    family_name: 'text',
    date_of_birth: 'date',
    phone: 'text',
    therapist_id: 'uuid',
    status: 'text',
    discharged_at: 'timestamptz',
  },
  episodes: {
    id: 'uuid',
    patient_id: 'uuid',
    step: 'int2',
    problem_descriptor: 'text',
    status: 'text',
    allocated_therapist_id: 'uuid',
    opened_at: 'timestamptz',
    closed_at: 'timestamptz',
  },
  episode_allocations: {
    id: 'uuid',
    episode_id: 'uuid',
    therapist_id: 'uuid',
    valid_from: 'timestamptz',
    valid_to: 'timestamptz',
    reason: 'text',
  },
  appointments: {
    id: 'uuid',
    patient_id: 'uuid',
    episode_id: 'uuid',
    therapist_id: 'uuid',
    kind: 'text',
    duration_minutes: 'int2',
    starts_at: 'timestamptz',
    session_number: 'int4',
    outcome: 'text',
    cancelled_at: 'timestamptz',
    cancelled_by: 'text',
  },
  transcripts: {
    id: 'uuid',
    appointment_id: 'uuid',
    patient_id: 'uuid',
    therapist_id: 'uuid',
    started_at: 'timestamptz',
  },
  utterances: {
    id: 'uuid',
    transcript_id: 'uuid',
    seq: 'int4',
    speaker: 'text',
    text: 'text',
    sent_at: 'timestamptz',
  },
  messages: {
    id: 'uuid',
    patient_id: 'uuid',
    therapist_id: 'uuid',
    direction: 'text',
    body: 'text',
    sent_at: 'timestamptz',
    read_at: 'timestamptz',
  },
  notes: {
    id: 'uuid',
    patient_id: 'uuid',
    appointment_id: 'uuid',
    author_id: 'uuid',
    kind: 'text',
    body: 'text',
    status: 'text',
    updated_at: 'timestamptz',
    submitted_at: 'timestamptz',
  },
  measures: {
    id: 'uuid',
    patient_id: 'uuid',
    appointment_id: 'uuid',
    kind: 'text',
    items: 'int4[]',
    total: 'int4',
    recorded_at: 'timestamptz',
  },
  tickets: {
    id: 'uuid',
    patient_id: 'uuid',
    therapist_id: 'uuid',
    type: 'text',
    body: 'text',
    state: 'text',
    raised_at: 'timestamptz',
    decided_by: 'uuid',
    decision: 'text',
    decision_comment: 'text',
    decided_at: 'timestamptz',
  },
  emergency_contacts: {
    id: 'uuid',
    patient_id: 'uuid',
    name: 'text',
    phone: 'text',
    relationship: 'text',
    local_emergency_number: 'text',
    updated_at: 'timestamptz',
  },
} as const satisfies Record<string, Record<string, PgType>>;

export type TableName = keyof typeof TABLES;
export type Row<T extends TableName> = {
  [C in keyof (typeof TABLES)[T]]: string | number | boolean | null | object;
};

const BATCH_ROWS = 5000;

/**
 * Buffers rows per table and writes them as `INSERT ... SELECT FROM unnest($1::t[], ...)`:
 * one statement and one array parameter per column for thousands of rows.
 */
export class BulkWriter {
  private readonly buffers = new Map<TableName, unknown[][]>();
  readonly counts: Partial<Record<TableName, number>> = {};

  constructor(private readonly db: Queryable) {}

  async add<T extends TableName>(table: T, row: Row<T>): Promise<void> {
    const columns = Object.keys(TABLES[table]) as (keyof Row<T>)[];
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = columns.map(() => []);
      this.buffers.set(table, buffer);
    }
    columns.forEach((column, i) => buffer[i]?.push(row[column]));
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    if ((buffer[0]?.length ?? 0) >= BATCH_ROWS) await this.flushAll();
  }

  private async flush(table: TableName): Promise<void> {
    const buffer = this.buffers.get(table);
    if (!buffer || (buffer[0]?.length ?? 0) === 0) return;
    this.buffers.delete(table);
    const types = Object.values(TABLES[table]) as PgType[];
    const columns = Object.keys(TABLES[table]);
    // jsonb and int4[] travel as text arrays of JSON and are converted per row.
    const selects = types.map((type, i) =>
      type === 'jsonb'
        ? `c${i}::jsonb`
        : type === 'int4[]'
          ? `CASE WHEN c${i} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(c${i}::jsonb)::int) END`
          : `c${i}`,
    );
    const unnestArgs = types.map(
      (type, i) => `$${i + 1}::${type === 'jsonb' || type === 'int4[]' ? 'text' : type}[]`,
    );
    const aliases = types.map((_, i) => `c${i}`).join(', ');
    const params = buffer.map((values, i) =>
      types[i] === 'jsonb' || types[i] === 'int4[]'
        ? values.map((v) => (v === null ? null : JSON.stringify(v)))
        : values,
    );
    await this.db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${selects.join(', ')} FROM unnest(${unnestArgs.join(', ')}) AS t(${aliases})`,
      params,
    );
  }

  /** Flushes every table, parents before children (TABLES is in foreign-key order). */
  async flushAll(): Promise<void> {
    for (const table of Object.keys(TABLES) as TableName[]) await this.flush(table);
  }
}
