import type { LocationStatus, SessionStatus } from '../../../../shared/ipc';
import { useSync } from '../sync/sync-store';
import { MaybeTime } from '../../ui/Time';
import { SignOutButton } from './SignOutButton';

const countryName = (code: string | null): string => {
  if (!code) return 'unknown';
  try {
    return `${new Intl.DisplayNames(['en-GB'], { type: 'region' }).of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
};

export function LocationCheckScreen({
  status,
  location,
}: {
  status: SessionStatus;
  location: LocationStatus | null;
}) {
  const syncNow = useSync((s) => s.syncNow);
  return (
    <section className="panel narrow" aria-labelledby="location-heading">
      <h2 id="location-heading">Location check needed</h2>
      <p>
        {location?.reason ?? status.reason ?? 'The service must confirm where you are working.'}
      </p>
      <dl className="facts">
        <dt>Last seen country</dt>
        <dd>{countryName(location?.country ?? null)}</dd>
        <dt>This computer’s time zone</dt>
        <dd>{location?.deviceZone ?? 'unknown'}</dd>
        <dt>Location check valid until</dt>
        <dd>
          <MaybeTime iso={location?.attestationExpiresAt ?? null} />
        </dd>
        <dt>Approved countries</dt>
        <dd>
          {location && location.approvedCountries.length > 0
            ? location.approvedCountries.map(countryName).join(', ')
            : 'unknown'}
        </dd>
      </dl>
      <h3>What to do</h3>
      <ul>
        <li>Connect to the internet from an approved country, then check again.</li>
        <li>
          If you are abroad, you may treat patients only from an approved country and after
          declaring it; otherwise pause work with online patients.
        </li>
        <li>If your computer’s clock or time zone is wrong, correct it.</li>
      </ul>
      <p className="notice notice--ok">
        Your note drafts and unsent work are kept safely on this computer and will be sent once the
        check passes.
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={syncNow}>
          Check again now
        </button>
        <SignOutButton />
      </div>
    </section>
  );
}
