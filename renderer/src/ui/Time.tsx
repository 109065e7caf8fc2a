import type { PeopleTimeStyle } from '../../../shared/clinical';
import { timeForPeople } from './format';

/** An instant in UK time, with this computer's reading beside it when it differs. */
export function Time({ iso, format = 'datetime' }: { iso: string; format?: PeopleTimeStyle }) {
  const time = timeForPeople(iso, format);
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
