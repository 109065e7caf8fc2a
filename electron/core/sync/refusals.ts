import type { ApiFailure } from '../api/failure';

type Refused = Extract<ApiFailure, { kind: 'refused' }>;

/**
 * Which mutation of a pushed batch a whole-request refusal names, from our server's own
 * words: its field errors point into `mutations.<index>`, or a single mutation was too large
 * for the service. 'too-large-batch': the batch as a whole was too large (send fewer). null:
 * the refusal is about no mutation in particular (a wrong device, an unknown route…) and
 * refuses none of them — the engine retries and shows the reason.
 */
export function refusalNaming(
  failure: Refused,
  batchLength: number,
): number | 'too-large-batch' | null {
  if (failure.code === 'PAYLOAD_TOO_LARGE') return batchLength > 1 ? 'too-large-batch' : 0;
  if (failure.code !== 'VALIDATION_FAILED' || failure.fieldErrors === null) return null;
  const indexes = Object.keys(failure.fieldErrors)
    .map((path) => /^mutations\.(\d+)(\.|$)/.exec(path)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number)
    .filter((index) => index < batchLength);
  return indexes.length === 0 ? null : Math.min(...indexes);
}

/** The refusal in words, with what the server said about each field of the change. */
export function refusalText(failure: Refused): string {
  const fields = Object.entries(failure.fieldErrors ?? {})
    .map(
      ([path, messages]) =>
        `${path.replace(/^mutations\.\d+\.payload\./, '')}: ${messages.join('; ')}`,
    )
    .join('. ');
  return fields.length > 0 ? `${failure.message} ${fields}.` : failure.message;
}
