import { useCallback } from 'react';
import { LEAVE_WORDS, leaveDates } from '../../../../shared/clinical';
import type { SuperviseeTrips as Trips } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { ErrorText, Loading, Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { usePolledRead } from '../../ui/usePolledRead';
import { countryName } from '../location/location-guidance';
import { useNav } from '../navigation/nav-store';
import { useSync } from '../sync/sync-store';

type Trip = Trips['supervisees'][number]['trips'][number];

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
                  <Tag tone="ok">Ready: every patient has a local contact</Tag>
                ) : null}
                {t.ready === false ? (
                  <Tag tone="warn">
                    Not ready: {t.missingContacts} active{' '}
                    {t.missingContacts === 1 ? 'patient has' : 'patients have'} no local emergency
                    contact
                  </Tag>
                ) : null}
              </li>
            ))}
          </ul>
          {s.deadlinesDuringLeave.length > 0 ? (
            <>
              <p className="muted small">
                Deadlines falling in {s.name}’s leave ({s.deadlinesDuringLeave.length}): they still
                stand.
              </p>
              <ul className="plain-list" aria-label={`Deadlines during ${s.name}’s leave`}>
                {s.deadlinesDuringLeave.map((d) => (
                  <li key={d.deadlineId}>
                    <Tag tone="info">{d.words}</Tag>{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => go({ view: 'patient', patientId: d.patientId })}
                    >
                      {d.patientName}
                    </button>
                    <span className="muted">
                      {' '}
                      · due <Time iso={d.dueAt} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </section>
  );
}
