import { useCallback } from 'react';
import { clinician, unwrap } from '../../bridge';
import { ErrorText, Loading } from '../../ui/Feedback';
import { usePolledRead } from '../../ui/usePolledRead';
import { ViewHeading } from '../../ui/ViewHeading';
import { useNav } from '../navigation/nav-store';
import { useSync } from '../sync/sync-store';
import { TripPlanner } from './TripPlanner';

/** Working abroad: who still needs a local emergency contact, then plan a trip. */
export function WorkingAbroadView() {
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Working abroad</ViewHeading>
      <Readiness />
      <TripPlanner />
    </section>
  );
}

/**
 * Before a working trip starts every active patient needs a local emergency contact: say
 * which have none, by name, so the therapist knows whom to ask (patient data is open here).
 */
function Readiness() {
  const go = useNav((s) => s.go);
  const lastSyncedAt = useSync((s) => s.status?.lastSyncedAt ?? null);
  const read = useCallback(() => unwrap(clinician().location.readiness({})), []);
  const { value, error } = usePolledRead(read, 60_000, { refreshKey: lastSyncedAt });
  return (
    <section className="panel stack" aria-labelledby="readiness-heading">
      <h3 id="readiness-heading">Before you go: local emergency contacts</h3>
      <ErrorText error={error} />
      {!value && !error ? <Loading what="your patients' emergency contacts" /> : null}
      {value && value.withoutEmergencyContact.length === 0 ? (
        <p className="notice notice--ok">
          Each of your {value.activePatients} active patients has a local emergency contact
          recorded.
        </p>
      ) : null}
      {value && value.withoutEmergencyContact.length > 0 ? (
        <>
          <p className="notice notice--warn">
            {value.withoutEmergencyContact.length} of your {value.activePatients} active patients{' '}
            {value.withoutEmergencyContact.length === 1 ? 'has' : 'have'} no local emergency contact
            recorded. Before a trip abroad starts, each one needs one: ask them for it.
          </p>
          <ul className="plain-list" aria-label="Active patients with no local emergency contact">
            {value.withoutEmergencyContact.map((p) => (
              <li key={p.patientId}>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => go({ view: 'patient', patientId: p.patientId })}
                >
                  Open {p.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
