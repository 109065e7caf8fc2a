/**
 * What a failed SQL statement means, decided once from the driver's SQLSTATE where the
 * driver's answer is read (the Queryable wrappers in database.ts), before anything else
 * wraps or rethrows it. Code above switches on `kind`, never on error names or messages.
 */
export type StatementFailureKind =
  /** 22xxx data exception: a value the column or type cannot hold (out of range, bad date...). */
  | 'data'
  /** 23xxx integrity constraint violation: not null, foreign key, unique, check, exclusion. */
  | 'constraint'
  /** 40001 serialization failure, 40P01 deadlock, 55P03 lock not available: worth a retry. */
  | 'contention'
  /** Anything else (syntax, connection, resources, internal): the server's own failure. */
  | 'server';

export const statementFailureKindOf = (sqlstate: string | null): StatementFailureKind => {
  if (sqlstate === null) return 'server';
  if (sqlstate.startsWith('22')) return 'data';
  if (sqlstate.startsWith('23')) return 'constraint';
  if (sqlstate === '40001' || sqlstate === '40P01' || sqlstate === '55P03') return 'contention';
  return 'server';
};

/** A statement the database refused, with its SQLSTATE already classified. */
export class StatementFailure extends Error {
  readonly kind: StatementFailureKind;
  constructor(
    readonly sqlstate: string | null,
    readonly detail: { message: string; constraint?: string; table?: string; column?: string },
    options: { cause: unknown },
  ) {
    super(detail.message, options);
    this.kind = statementFailureKindOf(sqlstate);
  }
}

const stringField = (value: object, key: string): string | undefined => {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field.length > 0 ? field : undefined;
};

/**
 * The driver's error (node-postgres and PGlite both carry the SQLSTATE in `code`) as a
 * StatementFailure. A non-database error (a bug, a closed pool) keeps a null SQLSTATE.
 */
export const asStatementFailure = (error: unknown): StatementFailure => {
  if (error instanceof StatementFailure) return error;
  const object = typeof error === 'object' && error !== null ? error : {};
  const code = stringField(object, 'code');
  const sqlstate = code && /^[0-9A-Z]{5}$/.test(code) ? code : null;
  const constraint = stringField(object, 'constraint');
  const table = stringField(object, 'table');
  const column = stringField(object, 'column');
  return new StatementFailure(
    sqlstate,
    {
      message: error instanceof Error ? error.message : String(error),
      ...(constraint ? { constraint } : {}),
      ...(table ? { table } : {}),
      ...(column ? { column } : {}),
    },
    { cause: error },
  );
};
