import type { PeopleTimeStyle } from '../../../shared/clinical';
import { useDeviceZone } from './device-zone';
import { timeForPeople } from './format';

/** An instant in UK time, with this computer's reading beside it when it differs. */
export function Time({ iso, format = 'datetime' }: { iso: string; format?: PeopleTimeStyle }) {
  const zone = useDeviceZone((s) => s.zone);
  const time = timeForPeople(iso, format, zone);
  return (
    <time dateTime={iso}>
      {time.device ? `${time.uk} UK time` : time.uk}
      {time.device ? <span className="muted small"> ({time.device})</span> : null}
    </time>
  );
}

/** "none" for a missing instant, so a blank never reads as "not applicable" by accident. */
export function MaybeTime({ iso, format }: { iso: string | null; format?: PeopleTimeStyle }) {
  return iso ? <Time iso={iso} format={format} /> : <span className="muted">none</span>;
}
