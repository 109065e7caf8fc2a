import { useCallback } from 'react';
import { LEAVE_WORDS, leaveDates } from '../../../../shared/clinical';
import type { SuperviseeTrips as Trips } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { ErrorText, Loading, Tag } from '../../ui/Feedback';
import { usePolledRead } from '../../ui/usePolledRead';
import { countryName } from '../location/location-guidance';
import { useNav } from '../navigation/nav-store';
import { useSync } from '../sync/sync-store';

type Trip = Trips['supervisees'][number]['trips'][number];
type DuringLeave = Trips['supervisees'][number]['deadlinesDuringLeave'][number];

/** The deadlines by the leave they fall in (its words), in due order. */
const groupByLeave = (deadlines: readonly DuringLeave[]): [string, DuringLeave[]][] => {
  const groups = new Map<string, DuringLeave[]>();
  for (const d of [...deadlines].sort((a, b) => a.dueAt.localeCompare(b.dueAt)))
    groups.set(d.words, [...(groups.get(d.words) ?? []), d]);
  return [...groups];
};

const purposeWords = (t: Trip): string =>
  t.purpose === 'working'
    ? `Working from ${countryName(t.country ?? '')}`
    : `${LEAVE_WORDS[t.purpose].replace(/^./, (c) => c.toUpperCase())}${t.country ? ` (${countryName(t.country)})` : ''}`;

/**
 * On the supervision home: who is on leave today (their caseload paused), each supervisee's
 * declared trips and leave not yet over (purpose, country, dates; a working trip ready or not),
 * and their patients' deadlines falling in their leave — which still stand.
 */
export function SuperviseeTrips() {
  const go = useNav((s) => s.go);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const read = useCallback(() => unwrap(clinician().location.superviseeTrips({})), []);
  const { value, error } = usePolledRead(read, 60_000, { refreshKey: lastSyncedAt });
  const shown = value?.supervisees.filter((s) => s.trips.length > 0) ?? [];
  return (
    <section className="panel" aria-labelledby="home-trips">
      <h3 id="home-trips" className="small-heading">
        Supervisees away: trips and leave ({shown.length})
      </h3>
      <ErrorText error={error} />
      {!value && !error ? <Loading what="supervisees’ trips and leave" /> : null}
      {value && shown.length === 0 ? <p>No supervisee has a trip or leave planned.</p> : null}
      {shown.map((s) => (
        <section key={s.therapistId} aria-label={`${s.name}: trips and leave`}>
          <h4 className="home__group">
            {s.name}{' '}
            {s.onLeave ? (
              <Tag tone="info">
                On {LEAVE_WORDS[s.onLeave.purpose]} now, caseload paused, {leaveDates(s.onLeave)}
              </Tag>
            ) : null}
          </h4>
          <ul className="plain-list">
            {s.trips.map((t) => (
              <li key={t.id}>
                {purposeWords(t)}, {leaveDates(t)}{' '}
                {t.ready === true ? (
                  <Tag tone="ok">Ready: every patient has a local contact and was told</Tag>
                ) : null}
                {t.ready === false ? (
                  <Tag tone="warn">
                    Not ready:{' '}
                    {[
                      t.missingContacts > 0
                        ? `${t.missingContacts} without a local emergency contact`
                        : null,
                      t.notTold > 0 ? `${t.notTold} not told yet` : null,
                    ]
                      .filter((w): w is string => w !== null)
                      .join('; ')}
                  </Tag>
                ) : null}
              </li>
            ))}
          </ul>
          {groupByLeave(s.deadlinesDuringLeave).map(([words, deadlines]) => (
            <div key={words}>
              <p className="small">
                <Tag tone="info">{words}</Tag> {deadlines.length} open{' '}
                {deadlines.length === 1 ? 'deadline falls' : 'deadlines fall'} in it; they still
                stand.
              </p>
              <ul className="plain-list" aria-label={`Deadlines during ${s.name}’s leave`}>
                {deadlines.map((d) => (
                  <li key={d.deadlineId}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => go({ view: 'patient', patientId: d.patientId })}
                    >
                      {d.patientName}
                    </button>
                    <span> — {d.sentence}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}
