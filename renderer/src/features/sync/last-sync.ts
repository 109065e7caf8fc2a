import { localDate, millisToInstant, type PeopleTimeStyle } from '../../../../shared/clinical';

/**
 * How the status bar shows the last sync: the clock on the same UK day ("Last synced 14:02"),
 * the day and time otherwise — a laptop offline since yesterday must not read as synced today.
 */
export function lastSyncStyle(iso: string, nowMs: number = Date.now()): PeopleTimeStyle {
  return localDate(iso) === localDate(millisToInstant(nowMs)) ? 'clock' : 'datetime';
}
