import type { ErrorCode } from '../../shared/api';

/** A failure with a client-facing code; anything else is a 500 with code INTERNAL. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fieldErrors?: Record<string, string[]>; country?: string } = {},
    /** Sent as the Retry-After header (RATE_LIMITED). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** zod issues → `{ "mutations.0.payload.body": ["Too small..."] }`. */
export const fieldErrorsOf = (
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) => {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(root)';
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
};
