import { deviceClockNote, formatClock, formatDate, formatDateTime } from './format';

/** An instant in London time, with the device's own clock reading when it differs. */
export function Time({
  iso,
  format = 'datetime',
}: {
  iso: string;
  format?: 'datetime' | 'date' | 'clock';
}) {
  const text =
    format === 'date'
      ? formatDate(iso)
      : format === 'clock'
        ? formatClock(iso)
        : formatDateTime(iso);
  const device = format === 'date' ? null : deviceClockNote(iso);
  return (
    <time dateTime={iso}>
      {text}
      {device ? <span className="muted small"> ({device})</span> : null}
    </time>
  );
}

/** "—" for a missing instant, so a blank never reads as "not applicable" by accident. */
export function MaybeTime({
  iso,
  format,
}: {
  iso: string | null;
  format?: 'datetime' | 'date' | 'clock';
}) {
  return iso ? <Time iso={iso} format={format} /> : <span className="muted">none</span>;
}
