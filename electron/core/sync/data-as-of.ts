import { InstantSchema } from '../../../shared/clinical';
import type { Store } from '../store';

/** The device setting that remembers when the core lane last reached the end of the feed. */
const DATA_AS_OF = 'data-as-of';

/**
 * The core lane (caseload, messages, measures, deadlines' facts) reached the end of the
 * server's feed at `at`: the cache was as current as the service then. Written in the
 * transaction of the page that reached the end.
 */
export function recordDataAsOf(store: Store, at: string): void {
  store.settings.set(DATA_AS_OF, at, at);
}

/**
 * When the cached clinical data was last complete, or null when it never was. A store rebuilt
 * after a recovery keeps its settings but starts its feed again: with no core cursor the data
 * is not there, whatever the setting says.
 */
export function dataAsOf(store: Store): string | null {
  if (store.cursors.get('core') === null) return null;
  const parsed = InstantSchema.safeParse(store.settings.get(DATA_AS_OF));
  return parsed.success ? parsed.data : null;
}
