import { z } from 'zod';

/**
 * The calendar the API accepts and sends: instants from 1900-01-01T00:00:00Z up to (not
 * including) 2200-01-01T00:00:00Z, dates from 1900-01-01 to 2199-12-31. Why this window:
 * every value in it is a four-digit year in UTC and in any offset, inside what PostgreSQL
 * (no year 0, BC dates) and JavaScript can hold, so whatever the server stores it can send
 * back as valid ISO-8601; it holds the date of birth of any living patient and any booking,
 * record or declaration the service will make. Anything outside is a typing or clock error,
 * refused at the boundary (400 with a field error) instead of failing in the database.
 */
export const CALENDAR_WINDOW = {
  firstDate: '1900-01-01',
  lastDate: '2199-12-31',
  firstInstantMs: Date.UTC(1900, 0, 1),
  endInstantMs: Date.UTC(2200, 0, 1),
} as const;
/** Real UTC offsets run from -12:00 to +14:00; the API accepts ±14:00. */
export const MAX_OFFSET_MINUTES = 14 * 60;

const OFFSET = /(Z|([+-])(\d{2}):(\d{2}))$/;
const FRACTION = /\.(\d+)(?=Z|[+-]\d{2}:\d{2}$)/;

/** Minutes east of UTC of an ISO-8601 date-time's offset (null when it has none). */
export const offsetMinutesOf = (iso: string): number | null => {
  const m = OFFSET.exec(iso);
  if (!m) return null;
  if (m[1] === 'Z') return 0;
  const minutes = Number(m[3]) * 60 + Number(m[4]);
  return m[2] === '-' ? -minutes : minutes;
};

const inWindow = (ms: number) =>
  Number.isFinite(ms) && ms >= CALENDAR_WINDOW.firstInstantMs && ms < CALENDAR_WINDOW.endInstantMs;

/**
 * Every instant on the wire is an ISO-8601 string with an explicit offset (UTC from this
 * server), inside CALENDAR_WINDOW, with an offset within ±14:00 and at most microsecond
 * precision (what PostgreSQL stores without rounding).
 */
export const IsoDateTime = z.iso
  .datetime({ offset: true })
  .refine((s) => Math.abs(offsetMinutesOf(s) ?? 0) <= MAX_OFFSET_MINUTES, {
    message: 'a UTC offset between -14:00 and +14:00',
  })
  .refine((s) => (FRACTION.exec(s)?.[1]?.length ?? 0) <= 6, {
    message: 'at most six decimal places of seconds',
  })
  .refine((s) => inWindow(Date.parse(s)), {
    message: `an instant from ${CALENDAR_WINDOW.firstDate} to ${CALENDAR_WINDOW.lastDate} (UTC)`,
  })
  .describe(
    `ISO-8601 date-time with an offset within ±14:00, at most microseconds, from ${CALENDAR_WINDOW.firstDate}T00:00:00Z to ${CALENDAR_WINDOW.lastDate}T23:59:59.999999Z`,
  );
/** A calendar date (YYYY-MM-DD) inside CALENDAR_WINDOW. */
export const IsoDate = z.iso
  .date()
  .refine((s) => s >= CALENDAR_WINDOW.firstDate && s <= CALENDAR_WINDOW.lastDate, {
    message: `a date from ${CALENDAR_WINDOW.firstDate} to ${CALENDAR_WINDOW.lastDate}`,
  })
  .describe(`YYYY-MM-DD from ${CALENDAR_WINDOW.firstDate} to ${CALENDAR_WINDOW.lastDate}`);

/** PostgreSQL `integer`: what an int4 column (versions, counts) can hold. */
export const INT4_MAX = 2_147_483_647;
/** PostgreSQL `bigint`: the largest feed position a cursor can name. */
export const INT8_MAX = 9_223_372_036_854_775_807n;

/** A record version as the server counts them (int4, from 1). */
export const Version = z.int().min(1).max(INT4_MAX);

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * Text as a person typed it. An unpaired UTF-16 surrogate cannot be stored as UTF-8: the
 * database driver would silently replace it, so it is refused instead of altered.
 */
export const UnicodeText = z.string().refine((s) => !UNPAIRED_SURROGATE.test(s), {
  message: 'text that is valid Unicode (it contains an unpaired surrogate)',
});
export const Uuid = z.uuid();
/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as GB');

export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'DEVICE_REVOKED',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'COUNTRY_NOT_APPROVED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL',
  'ACCOUNT_DISABLED',
  'ACCOUNT_DELETED',
  'REFRESH_TOKEN_EXPIRED',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Field errors keyed by dotted path (`mutations.0.payload.body`). */
export const FieldErrors = z.record(z.string(), z.array(z.string()));

export const ErrorBody = z.strictObject({
  serverTime: IsoDateTime,
  code: ErrorCode,
  message: z.string(),
  fieldErrors: FieldErrors.optional(),
  /** COUNTRY_NOT_APPROVED names the country the request came from ('ZZ' when unknown). */
  country: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Wraps a response payload: every response carries the server's clock for offset learning. */
export const withServerTime = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ serverTime: IsoDateTime, ...shape });

export const Role = z.enum(['pwp', 'therapist', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;
