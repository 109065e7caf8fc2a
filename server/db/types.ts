/** Postgres text timestamps ("2026-01-02 03:04:05.678+00") → ISO-8601 with Z. */
export const timestampToIso = (text: string): string => {
  const normalised = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  return new Date(normalised).toISOString();
};

// Same JS shapes from both drivers (node-postgres, PGlite in or out of the server's thread):
// int8 → number (cursors stay far below 2^53), timestamptz → ISO string, date → 'YYYY-MM-DD'.
// Sessions run in UTC. Keyed by type OID.
const INT8 = 20;
const DATE = 1082;
const TIMESTAMPTZ = 1184;
export const parsers: Record<number, (text: string) => unknown> = {
  [INT8]: (text) => Number(text),
  [DATE]: (text) => text,
  [TIMESTAMPTZ]: timestampToIso,
};
