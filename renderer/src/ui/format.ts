import {
  formatForPeople,
  peopleTime,
  type PeopleTime,
  type PeopleTimeStyle,
} from '../../../shared/clinical';
import { useDeviceZone } from './device-zone';

/**
 * Times for people go through shared/clinical's one formatter: UK time, with this
 * computer's reading beside it when it differs (the same words as the deadline sentences).
 */
export function timeForPeople(
  iso: string,
  style: PeopleTimeStyle = 'datetime',
  zone: string = useDeviceZone.getState().zone,
): PeopleTime {
  return peopleTime(new Date(iso).toISOString(), { style, deviceZone: zone });
}

/** The running-text form: "Saturday 19 September 2026, 16:00 UK time (17:00 Europe/Madrid)". */
export function formatTime(iso: string, style: PeopleTimeStyle = 'datetime'): string {
  return formatForPeople(new Date(iso).toISOString(), {
    style,
    deviceZone: useDeviceZone.getState().zone,
  });
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Integer pence → "£44.83" (exact: pence are whole numbers, the division is for display). */
export function formatPence(pence: number): string {
  return pounds.format(pence / 100);
}
