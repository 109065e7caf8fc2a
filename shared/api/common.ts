import { z } from 'zod';

/** Every instant on the wire is an ISO-8601 string with an explicit offset (UTC from this server). */
export const IsoDateTime = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();
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
