/** The key does not open this database (and the key check says it is not its key). */
export class WrongKeyError extends Error {
  override readonly name = 'WrongKeyError';
  constructor(readonly path: string) {
    super(`The database key does not open ${path}: it was created with another key.`);
  }
}

/** SQLite error codes that mean "these bytes are not a readable database". */
export function isCorruptionCode(error: unknown): boolean {
  const code = sqliteCode(error);
  return (
    code === 'SQLITE_CORRUPT' ||
    code === 'SQLITE_NOTADB' ||
    code?.startsWith('SQLITE_CORRUPT_') === true
  );
}

export function sqliteCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
