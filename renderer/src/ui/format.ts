/** The service runs on UK time: deadlines, appointments and pay months are London times. */
export const SERVICE_ZONE = 'Europe/London';

export function deviceZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options });
    cache.set(key, found);
  }
  return found;
}

const dateTime: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const clock: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const dateOnly: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

/** "Tue 3 Mar 2026, 14:02" in London. */
export function formatDateTime(iso: string): string {
  return formatter(SERVICE_ZONE, dateTime).format(new Date(iso));
}

/** "14:02" in London. */
export function formatClock(iso: string): string {
  return formatter(SERVICE_ZONE, clock).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return formatter(SERVICE_ZONE, dateOnly).format(new Date(iso));
}

/**
 * The same instant on the device's clock, only when that reads differently from London
 * (a therapist working abroad): "15:02 Europe/Madrid".
 */
export function deviceClockNote(iso: string): string | null {
  const zone = deviceZone();
  if (zone === SERVICE_ZONE) return null;
  const instant = new Date(iso);
  const london = formatter(SERVICE_ZONE, dateTime).format(instant);
  const local = formatter(zone, dateTime).format(instant);
  if (london === local) return null;
  return `${formatter(zone, clock).format(instant)} ${zone}`;
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Integer pence → "£44.83" (exact: pence are whole numbers, the division is for display). */
export function formatPence(pence: number): string {
  return pounds.format(pence / 100);
}

/** "3 days ago", "in 5 hours": relative to a given now. */
export function formatRelative(iso: string, nowMs: number): string {
  const rtf = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
  const diffMs = new Date(iso).getTime() - nowMs;
  const hours = diffMs / 3_600_000;
  if (Math.abs(hours) < 1) return rtf.format(Math.round(diffMs / 60_000), 'minute');
  if (Math.abs(hours) < 48) return rtf.format(Math.round(hours), 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}
