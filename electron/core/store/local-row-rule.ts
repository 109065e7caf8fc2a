/**
 * The one rule for whether a record arriving in the cache may replace the row this device
 * holds. The SQL of `records.put` (repositories/records.ts) implements exactly this; the
 * store's tests check the two agree case by case.
 */

/** The row this device holds for a record id. */
export interface LocalRow {
  /** The server's version, or null for an optimistic row written on this device. */
  readonly version: number | null;
  /**
   * An outbox entry writing this record has not been answered by the server yet: pending
   * (queued or in flight) or held back. Refused and sent entries are answered.
   */
  readonly unansweredChange: boolean;
}

/** The row arriving: from a pull page (its version), or this device's own write (null). */
export interface IncomingRow {
  readonly version: number | null;
}

/**
 * - This device's own write always lands (it is what the person just did).
 * - An optimistic row stands while its change is unanswered: a pull page read before the
 *   server applied the change (or one still in flight) must not revert what the person sees.
 *   The server's row is kept aside (`withheld_rows`) and takes over if the change is refused.
 * - Once the change is answered, the server's row is the truth: it replaces the optimistic
 *   one whatever its version.
 * - Otherwise a record only moves forward: a replayed or late page never takes it back to an
 *   older server version.
 */
export function mayReplaceLocalRow(local: LocalRow | undefined, incoming: IncomingRow): boolean {
  if (incoming.version === null) return true;
  if (local === undefined) return true;
  if (local.version === null) return !local.unansweredChange;
  return incoming.version >= local.version;
}
