import { useCallback, useId } from 'react';
import type { UrgentRiskView } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { usePolledRead } from '../../ui/usePolledRead';
import { ErrorText } from '../../ui/Feedback';
import { Time } from '../../ui/Time';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** "Monday to Friday 17:30–20:00; Saturday and Sunday 08:00–20:00" (UK time). */
function hoursInWords(hours: UrgentRiskView['officeHours']): string {
  if (hours.length === 0) return 'none';
  return hours
    .map((h) => {
      const days = [...h.days].sort();
      const names = days.map((d) => DAY_NAMES[d - 1] ?? `day ${d}`);
      const run = days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
      const span =
        names.length > 2 && run
          ? `${names[0]} to ${names.at(-1)}`
          : names.length === 2
            ? `${names[0]} and ${names[1]}`
            : names.join(', ');
      return `${span} ${h.from}–${h.to}`;
    })
    .join('; ');
}

/** Re-read now and every minute while shown: whether now is within on-call hours moves. */
function useUrgentRisk() {
  const read = useCallback(() => unwrap(clinician().patients.urgentRisk({})), []);
  const { value: view, error } = usePolledRead(read, 60_000, { onFocus: true });
  return { view, error };
}

/**
 * The service's urgent-risk cover, as given: who to call now, the weekly hours and numbers,
 * and what to do outside them (UK time). Shared by the urgent-risk panel and the crisis panel.
 */
export function UrgentRiskCover({
  view,
  headingLevel = 3,
}: {
  view: UrgentRiskView;
  headingLevel?: 2 | 3 | 4;
}) {
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="panel urgent-risk" aria-labelledby={headingId}>
      <Heading id={headingId}>Urgent risk: who to call</Heading>
      <CoverDetails view={view} />
    </section>
  );
}

function CoverDetails({ view }: { view: UrgentRiskView }) {
  return (
    <>
      <p role="status" className={view.cover === 'outside' ? 'notice notice--warn' : 'notice'}>
        {view.sentence}
        {view.until ? (
          <span className="muted">
            {' '}
            ({view.cover === 'outside' ? 'cover resumes' : 'until'} <Time iso={view.until} />)
          </span>
        ) : null}
      </p>
      <dl className="facts">
        <dt>Office hours (duty team)</dt>
        <dd>
          {hoursInWords(view.officeHours)} · {view.officeNumber ?? 'no number configured'}
        </dd>
        <dt>On call (supervisor)</dt>
        <dd>
          {hoursInWords(view.onCallHours)} · {view.onCallNumber ?? 'no number configured'}
        </dd>
        <dt>Outside these hours</dt>
        <dd>{view.outsideHours}</dd>
      </dl>
      <p className="hint">
        UK time. This shows who to call; it does not make the call or replace the service’s risk
        procedure.
      </p>
    </>
  );
}

/**
 * Urgent risk: who to call now (the service's duty team in office hours, the on-call
 * supervisor out of hours, or what to do otherwise) and the weekly cover, from the service's
 * configuration. The client shows who and how to call; it does not replace the call.
 */
export function UrgentRiskPanel({ headingLevel = 3 }: { headingLevel?: 2 | 3 | 4 }) {
  const { view, error } = useUrgentRisk();
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="panel urgent-risk" aria-labelledby={headingId}>
      <Heading id={headingId}>Urgent risk: who to call</Heading>
      <ErrorText error={error} />
      {view ? <CoverDetails view={view} /> : null}
    </section>
  );
}
