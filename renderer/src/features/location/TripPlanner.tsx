import { type FormEvent, useCallback, useId, useState } from 'react';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText, Loading } from '../../ui/Feedback';
import { usePolledRead } from '../../ui/usePolledRead';
import { useSync } from '../sync/sync-store';
import { countryName } from './location-guidance';
import { TripRow, dayOf } from './TripRow';

type Purpose = 'working' | 'annual_leave' | 'sick_leave';

/**
 * Plan a period away — working abroad, annual leave or sick leave. Working abroad: the
 * country (checked at once against the approved list this computer has, then by the service)
 * and the dates; each planned trip then shows its checklist (a local emergency contact for
 * each active patient, each patient told) and where it stands with the service.
 */
export function TripPlanner({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const [planned, setPlanned] = useState(0);
  const sync = useSync((s) => s.status);
  const refreshKey = `${planned}|${sync?.pendingChanges ?? 0}|${sync?.rejected.length ?? 0}|${sync?.lastSyncedAt ?? ''}`;
  const read = useCallback(() => unwrap(clinician().location.trips({})), []);
  const { value, error } = usePolledRead(read, 30_000, { refreshKey });

  const [purpose, setPurpose] = useState<Purpose>('working');
  const [country, setCountry] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setProblem(null);
    setSaved(null);
    const code = country.trim().toUpperCase();
    const leave = purpose !== 'working';
    if (!(leave && code === '') && !/^[A-Z]{2}$/.test(code))
      return setProblem(
        leave
          ? 'Enter the country as its two-letter code, e.g. FR, or leave it empty.'
          : 'Enter the country as its two-letter code, e.g. FR.',
      );
    if (!from || !to) return setProblem('Enter the first and the last day.');
    if (purpose !== 'working') {
      unwrap(
        clinician().location.planLeave({ purpose, country: code === '' ? null : code, from, to }),
      ).then(
        () => {
          setSaved(
            `Planned: ${purpose === 'annual_leave' ? 'annual leave' : 'sick leave'}, ${dayOf(from)} to ${dayOf(to)}. Your caseload is paused for those days; it goes to the service for confirmation.`,
          );
          setPlanned((n) => n + 1);
        },
        (e: unknown) => setProblem(errorText(e)),
      );
      return;
    }
    unwrap(clinician().location.declareWorkAbroad({ country: code, from, to })).then(
      () => {
        setSaved(
          `Planned: working from ${countryName(code)}, ${dayOf(from)} to ${dayOf(to)}. It goes to the service for confirmation. Its checklist below says which patients still need a local emergency contact or your message.`,
        );
        setPlanned((n) => n + 1);
      },
      (e: unknown) => setProblem(errorText(e)),
    );
  };

  return (
    <section className="panel stack" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`}>Plan working abroad or leave</Heading>
      <p className="hint">
        You may work with patients from abroad only from a country approved for you. Once the trip
        is planned, record each active patient’s local emergency contact and send each one the
        prepared message before the trip starts: its checklist shows what is left. From abroad you
        cannot dial 999 for a patient. On annual leave or sick leave your caseload is paused: leave
        needs no approved country.
      </p>
      <p>
        Approved for you:{' '}
        {value?.approvedCountries
          ? value.approvedCountries.map(countryName).join(', ')
          : 'not received yet (connect to the internet)'}
      </p>
      <form className="form" onSubmit={submit} aria-describedby={`${id}-result`}>
        <div className="field field--short">
          <label htmlFor={`${id}-purpose`}>Why you are away</label>
          <select
            id={`${id}-purpose`}
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as Purpose)}
          >
            <option value="working">Working abroad</option>
            <option value="annual_leave">Annual leave</option>
            <option value="sick_leave">Sick leave</option>
          </select>
        </div>
        <div className="field field--short">
          <label htmlFor={`${id}-country`}>
            Country (two-letter code){purpose === 'working' ? '' : ', if abroad'}
          </label>
          <input
            id={`${id}-country`}
            list={`${id}-approved`}
            value={country}
            maxLength={2}
            size={6}
            autoComplete="off"
            aria-describedby={`${id}-country-hint`}
            onChange={(e) => setCountry(e.target.value)}
          />
          <datalist id={`${id}-approved`}>
            {(value?.approvedCountries ?? []).map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </datalist>
          <span id={`${id}-country-hint`} className="hint">
            For example FR for France, ES for Spain.
          </span>
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor={`${id}-from`}>First day</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>Last day</label>
            <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {purpose === 'working' ? 'Plan this trip' : 'Plan this leave'}
          </button>
        </div>
        <div id={`${id}-result`} role="status" aria-live="polite">
          {saved ? <p className="notice notice--ok">{saved}</p> : null}
        </div>
        <ErrorText error={problem} />
      </form>

      <Heading id={`${id}-trips`}>Your planned trips and leave</Heading>
      <ErrorText error={error} />
      {!value && !error ? <Loading what="your trips" /> : null}
      {value && value.trips.length === 0 ? <p>Nothing planned.</p> : null}
      {value && value.trips.length > 0 ? (
        <ul className="plain-list" aria-labelledby={`${id}-trips`}>
          {value.trips.map((trip) => (
            <TripRow key={trip.id} trip={trip} onChanged={() => setPlanned((n) => n + 1)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
