import type { Store } from '../store';

/**
 * The countries this person may work from, as the device last heard: the service's list (its
 * configuration) and any approved for them alone (their own profile). Null until the service's
 * configuration has arrived — the device then cannot say, and says so. One reader for the
 * location rule, trip planning and leave.
 */
export function approvedCountriesOf(
  store: Store | null,
  userId: string | null,
  /**
   * The location rule asks on every call: when the service's list already holds the country
   * it is asking about, the person's own profile is not read (one record parse less a call).
   */
  asking?: string | null,
): string[] | null {
  const service = store?.records.list('serviceConfig')[0]?.data.approvedCountries;
  if (!service) return null;
  if (asking && service.includes(asking)) return service;
  const own =
    userId && store ? (store.records.get('user', userId)?.data.approvedCountries ?? []) : [];
  return own.length === 0 ? service : [...new Set([...service, ...own])];
}
