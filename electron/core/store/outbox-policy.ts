import type { NewMutation, OutboxEntry } from './interface';
import type { MutationKind } from '../../../shared/api';

/**
 * Whether a new mutation may replace an existing outbox entry in place instead of being
 * appended (a note autosave replacing the previous, unsent one), so the queue grows with the
 * notes being edited, not with keystrokes. `latest` is the newest unsettled entry of the same
 * subject (the same note), if any.
 *
 * Only when all of these hold:
 * - both are `note.save`: a save carries the whole text, so the newer one says everything
 *   the older one did; no other kind is a full replacement of its predecessor;
 * - `latest` is still pending — not refused (the person must see what was refused), not held
 *   back (it is set aside for the person to decide);
 * - `latest` has never been checked out for a push (`attempts` = 0). Once a push request
 *   has carried it, the server may have applied it — its answer may be in flight or lost —
 *   and a replay with the same id is answered from the server's record, so a body changed in
 *   place would never be sent. From that moment it is immutable; the new text gets a new
 *   entry (which later autosaves then replace);
 * - `latest` is the subject's newest entry, so nothing queued after it (a `note.submit`)
 *   would be overtaken by text typed later.
 */
export function mayCoalesceInto<K extends MutationKind>(
  latest: OutboxEntry | undefined,
  next: NewMutation<K>,
): boolean {
  if (latest === undefined) return false;
  return (
    next.kind === 'note.save' &&
    latest.kind === 'note.save' &&
    latest.status === 'pending' &&
    latest.attempts === 0
  );
}

/**
 * How many times the service may fail on one mutation sent alone (a 5xx or a malformed
 * answer, while it answers other requests) before the mutation is held back so the ones
 * behind it go through. Five: with the engine's backoff (1 s, 2 s, 4 s, 8 s, 16 s…) that is
 * about half a minute of the same failure — long enough to ride out a restart or a deploy,
 * short enough that the replies queued behind it are not noticeably late. A mutation is only
 * held back once one behind it has gone through, so an outage of the whole push path never
 * sets anything aside.
 */
export const HOLD_BACK_AFTER_SERVER_FAILURES = 5;
