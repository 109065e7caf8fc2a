import { useCallback, useEffect, useState } from 'react';
import type { LocationCheck, LocationStatus, SessionStatus } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { ErrorText, Loading } from '../../ui/Feedback';
import { formatTime } from '../../ui/format';
import { MaybeTime } from '../../ui/Time';
import { usePolledRead } from '../../ui/usePolledRead';
import { UrgentRiskCover } from '../risk/UrgentRiskPanel';
import { useSync } from '../sync/sync-store';
import { countryName, locationGuidance } from './location-guidance';
import { TripPlanner } from './TripPlanner';

/**
 * Patient data is closed by the approved-country rule: why, exactly, and what to do; the
 * service's crisis and on-call numbers stay on screen (never a patient's details); drafts and
 * unsent work are safe; "Check again now" asks the service and opens the data when the rule
 * passes.
 */
export function LocationCheckScreen({
  status,
  location,
}: {
  status: SessionStatus;
  location: LocationStatus | null;
}) {
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<LocationCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The live decision (a check's own answer is published too): the check result only says
  // what the last press found.
  const current = location;
  const guidance = current ? locationGuidance(current) : null;

  const checkAgain = useCallback((): void => {
    setChecking(true);
    setError(null);
    unwrap(clinician().location.checkAgain({}))
      .then(setCheck, (e: unknown) => setError(errorText(e)))
      .finally(() => setChecking(false));
  }, []);
  // The computer's network came back: check again at once, as if the button were pressed.
  useEffect(() => {
    window.addEventListener('online', checkAgain);
    return () => window.removeEventListener('online', checkAgain);
  }, [checkAgain]);

  return (
    <section className="panel narrow stack" aria-labelledby="location-heading">
      <p className="hint">Location check needed: patient data is closed</p>
      <h2 id="location-heading">{guidance?.title ?? 'The service must confirm where you are'}</h2>
      <p>{guidance?.explanation ?? status.reason}</p>
      {status.reason && status.reason !== current?.reason ? (
        <p className="hint">The service said: “{status.reason}”</p>
      ) : null}

      <h3>What to do</h3>
      <ol>
        {(guidance?.steps ?? ['Connect to the internet, then press “Check again now”.']).map(
          (step) => (
            <li key={step}>{step}</li>
          ),
        )}
      </ol>

      <div className="actions">
        <button
          type="button"
          className="button button--primary"
          onClick={checkAgain}
          disabled={checking}
          aria-describedby="location-check-result"
        >
          {checking ? 'Checking…' : 'Check again now'}
        </button>
      </div>
      <p id="location-check-result" role="status" aria-live="polite">
        {checking
          ? 'Asking the service where you are…'
          : // What the last press found, while the reason is still the one it found.
            check && check.location.why === current?.why
            ? checkResult(check)
            : null}
      </p>
      <ErrorText error={error} />

      <p className="notice notice--ok">
        {status.unsentChanges
          ? `Your ${status.unsentChanges} unsent ${status.unsentChanges === 1 ? 'change is' : 'changes are'} and your note drafts are`
          : 'Your note drafts are'}{' '}
        kept safely on this computer; unsent work goes to the service once the check passes.
      </p>

      <LocationFacts location={current} />
      <details>
        <summary>Plan working abroad</summary>
        <TripPlanner />
      </details>
      <ServiceNumbers />
    </section>
  );
}

function checkResult(check: LocationCheck): string {
  const at = formatTime(check.checkedAt);
  if (!check.serviceReached)
    return `Checked ${at}. ${check.message ?? 'The service could not be reached.'}`;
  if (check.location.state === 'ok') return `Checked ${at}: the check passed.`;
  return `Checked ${at}: the service answered, and patient data stays closed for the reason above.`;
}

function LocationFacts({ location }: { location: LocationStatus | null }) {
  return (
    <details>
      <summary>What this computer knows</summary>
      <dl className="facts">
        <dt>Country last seen by the service</dt>
        <dd>{countryName(location?.country ?? null)}</dd>
        <dt>This computer’s time zone</dt>
        <dd>{location?.deviceZone ?? 'unknown'}</dd>
        <dt>Location confirmation valid until</dt>
        <dd>
          <MaybeTime iso={location?.attestationExpiresAt ?? null} />
        </dd>
        <dt>Countries approved for you</dt>
        <dd>
          {location && location.approvedCountries.length > 0
            ? location.approvedCountries.map(countryName).join(', ')
            : 'none received yet'}
        </dd>
      </dl>
    </details>
  );
}

/** The service's urgent-risk numbers (never a patient's details while data is closed). */
function ServiceNumbers() {
  // Sync goes on behind this screen: the numbers are read again when a round completes.
  const followSync = useSync((s) => s.follow);
  useEffect(() => followSync(), [followSync]);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const read = useCallback(() => unwrap(clinician().crisis.panel({ patientId: null })), []);
  const { value: panel, error } = usePolledRead(read, 60_000, { refreshKey: lastSyncedAt });
  return (
    <div className="stack">
      <ErrorText error={error} />
      {!panel && !error ? <Loading what="the crisis numbers" /> : null}
      {panel ? <UrgentRiskCover view={panel.service} headingLevel={3} /> : null}
      {panel?.source === 'none' ? (
        <p className="notice notice--warn">
          This computer has not received the service’s numbers yet: ask your supervisor for them.
        </p>
      ) : null}
      {panel?.source === 'saved' ? (
        <p className="hint">As saved on this computer at its last sync.</p>
      ) : null}
      <p className="hint">
        A patient in crisis: call the number above; the duty team and the on-call supervisor hold
        every patient’s emergency contacts. F2 opens these numbers from any screen.
      </p>
    </div>
  );
}
