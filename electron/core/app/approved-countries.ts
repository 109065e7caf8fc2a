import type { Store } from '../store';

/**
 * The countries this person may work from, as the device last heard: the service's list (its
 * configuration) and any approved for them alone (their own profile). Null until the service's
 * configuration has arrived — the device then cannot say, and says so. One reader for the
 * location rule, trip planning and leave.
 */
export function approvedCountriesOf(store: Store | null, userId: string | null): string[] | null {
  const service = store?.records.list('serviceConfig')[0]?.data.approvedCountries;
  if (!service) return null;
  const own =
    userId && store ? (store.records.get('user', userId)?.data.approvedCountries ?? []) : [];
  return own.length === 0 ? service : [...new Set([...service, ...own])];
}
