import { Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { countryName } from '../location/location-guidance';
import { useSession } from '../session/session-store';

/**
 * The location rule's standing in the status bar: the attested country and until when the
 * attestation lets patient data stay open offline. (When the rule fails the workspace is
 * closed and the location screen says why; this is the "all is well, and until when".)
 */
export function LocationInStatusBar() {
  const location = useSession((s) => s.location);
  if (!location) return null;
  if (location.state !== 'ok') {
    return <Tag tone="warn">Location to be checked</Tag>;
  }
  return (
    <span>
      Working from {countryName(location.country)}
      {location.attestationExpiresAt ? (
        <span className="muted">
          {' '}
          · confirmed until <Time iso={location.attestationExpiresAt} />
        </span>
      ) : null}
    </span>
  );
}
