import { useCallback } from 'react';
import type { CrisisPanel } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { usePolledRead } from '../../ui/usePolledRead';
import { Dialog } from '../../ui/Dialog';
import { ErrorText, Loading, Tag } from '../../ui/Feedback';
import { useNav } from '../navigation/nav-store';
import { UrgentRiskCover } from '../risk/UrgentRiskPanel';
import { useCrisis } from './crisis-store';

/** The patient whose record is on screen, if any (the core answers for them only when open). */
function usePatientOnScreen(patientDataOpen: boolean): string | null {
  const route = useNav((s) => s.route);
  if (!patientDataOpen) return null;
  return route.view === 'patient' || route.view === 'note' ? route.patientId : null;
}

/** Read now and every minute while open: whether now is within on-call hours moves. */
function useCrisisPanel(patientId: string | null) {
  const read = useCallback(() => unwrap(clinician().crisis.panel({ patientId })), [patientId]);
  const { value: panel, error } = usePolledRead(read, 60_000);
  return { panel, error };
}

const SOURCE_HINT: Record<CrisisPanel['source'], string | null> = {
  synced: null,
  saved: 'As saved on this device at its last sync.',
  none: 'This device has not received the service’s numbers yet: ask your supervisor for them.',
};

/**
 * The crisis panel: who to call now and the service's numbers, on every screen; and, while
 * patient data is open, the local emergency contacts of the patient on screen. On a locked
 * screen it shows the service's numbers only: nothing about any patient.
 */
export function CrisisDialog({ patientDataOpen }: { patientDataOpen: boolean }) {
  const hide = useCrisis((s) => s.hide);
  const patientId = usePatientOnScreen(patientDataOpen);
  const { panel, error } = useCrisisPanel(patientId);
  const hint = panel ? SOURCE_HINT[panel.source] : null;
  return (
    <Dialog title="Crisis: who to call" onClose={hide}>
      <ErrorText error={error} />
      {!panel && !error ? <Loading what="the crisis numbers" /> : null}
      {panel ? (
        <div className="stack">
          <UrgentRiskCover view={panel.service} />
          {hint ? (
            <p className={panel.source === 'none' ? 'notice notice--warn' : 'hint'}>{hint}</p>
          ) : null}
          <section className="panel" aria-labelledby="crisis-contacts-heading">
            <h3 id="crisis-contacts-heading">The patient’s local emergency contacts</h3>
            <PatientContacts panel={panel} />
          </section>
        </div>
      ) : null}
    </Dialog>
  );
}

function PatientContacts({ panel }: { panel: CrisisPanel }) {
  if (!panel.patientDataOpen) {
    return (
      <p>
        Patient data is closed on this screen, so no patient’s details are shown. Call the service’s
        number above: the duty team and the on-call supervisor hold every patient’s emergency
        contacts.
      </p>
    );
  }
  if (!panel.patient) {
    return (
      <p>Open a patient’s record, then press F2, to see their local emergency contacts here.</p>
    );
  }
  if (panel.patient.contacts.length === 0) {
    return (
      <p>
        <Tag tone="warn">None recorded</Tag> for {panel.patient.name}.
      </p>
    );
  }
  return (
    <ul className="plain-list">
      {panel.patient.contacts.map((c) => (
        <li key={`${c.name}-${c.phone}`}>
          {panel.patient?.name}: {c.name} ({c.relationship}) {c.phone} · local emergency number{' '}
          <strong>{c.localEmergencyNumber}</strong>
        </li>
      ))}
    </ul>
  );
}
