import type { PatientDetail } from '../../../../../shared/ipc';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { MaybeTime } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { useCallback, useEffect } from 'react';
import { workingAbroadMessage } from '../../../../../shared/clinical';
import { clinician, unwrap } from '../../../bridge';
import { usePolledRead } from '../../../ui/usePolledRead';
import {
  AbroadPatientContacts,
  fromAbroad,
  tripDay,
  useWorkingTripAhead,
} from '../../location/AbroadBanner';
import { LeaveBanner } from '../../location/LeaveBanner';
import { useSession } from '../../session/session-store';
import { DeadlineList } from '../../deadlines/components/DeadlineList';
import { useNav } from '../../navigation/nav-store';
import { UrgentRiskPanel } from '../../risk/UrgentRiskPanel';
import { useLiveQuery } from '../../sync/live-query';
import { usePatientStore } from '../store/patient-store';
import { AppointmentsSection } from './AppointmentsSection';
import { EmergencyContactSection } from './EmergencyContactSection';
import { MeasuresSection } from './MeasuresSection';
import { MessagesThread } from './MessagesThread';
import { NotesSection } from './NotesSection';
import { TicketsSection } from './TicketsSection';
import type { TodayPlace } from '../../../../../shared/clinical';
import { controlOfPlace, useNoteOfPlace } from '../use-place';

/** "France" (the country's name alone, for a patient). */
const countryOnly = (code: string): string => {
  try {
    return new Intl.DisplayNames(['en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
};

export function PatientView({
  patientId,
  supervisor,
  focus,
  place,
}: {
  patientId: string;
  supervisor: boolean;
  /** The id of the control to put the person in once the record shows. */
  focus?: string | undefined;
  /** Where an item of Today is acted on: its control is focused, a note opens in the editor. */
  place?: TodayPlace | undefined;
}) {
  const query = useLiveQuery(usePatientStore, { patientId }, patientId);
  const loaded = query.value !== null;
  const control = focus ?? (place ? controlOfPlace(place, patientId) : undefined);
  useEffect(() => {
    if (!loaded || !control) return;
    const target = document.getElementById(control);
    if (!target) return; // not on this record (a supervisor has no reply box): the heading keeps it
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }, [loaded, control]);
  const noteError = useNoteOfPlace(supervisor ? undefined : place, patientId, query.value);
  const back = useNav((s) => s.back);
  const trip = useWorkingTripAhead();
  // Abroad, the emergency section at the top carries who to call: the risk flag points to it.
  const away = fromAbroad(useSession((s) => s.location));
  const me = useSession((s) => s.status?.user?.displayName ?? null);
  const readCover = useCallback(() => unwrap(clinician().patients.urgentRisk({})), []);
  const { value: cover } = usePolledRead(readCover, 300_000);
  if (query.error && !query.value) {
    return (
      <section className="view" aria-labelledby="view-heading">
        <ViewHeading>Patient</ViewHeading>
        <ErrorText error={query.error} />
        <button type="button" onClick={back}>
          Back
        </button>
      </section>
    );
  }
  if (!query.value) return <Loading what="the patient record" />;
  const detail: PatientDetail = query.value;
  const { patient } = detail;
  const contact = detail.emergencyContacts.find((c) => c.syncState !== 'rejected') ?? null;
  const abroadMessage =
    trip && patient.status === 'active'
      ? {
          label: `Prepare the message about working from ${countryOnly(trip.country)}`,
          body: workingAbroadMessage({
            patientGivenName: patient.givenName,
            therapistName: me ?? 'your therapist',
            country: countryOnly(trip.country),
            from: tripDay(trip.from),
            to: tripDay(trip.to),
            contact,
            onCallNumber: cover?.onCallNumber ?? null,
          }),
        }
      : null;
  const episode = detail.episodes[0];
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>
        {patient.givenName} {patient.familyName}{' '}
        <span className="muted small">{patient.caseReference}</span>
      </ViewHeading>
      {supervisor ? null : <LeaveBanner where="patient" />}
      {noteError ? (
        <p className="notice notice--danger" role="alert">
          The note could not be opened: {noteError}
        </p>
      ) : null}
      <AbroadPatientContacts
        name={`${patient.givenName} ${patient.familyName}`}
        contacts={detail.emergencyContacts}
      />
      {detail.risk ? (
        <div className="stack">
          <p className="notice notice--danger" role="note">
            <strong>Risk flag:</strong> PHQ-9 item 9 (thoughts of self-harm) scored{' '}
            {detail.risk.item9} on <MaybeTime iso={detail.risk.measuredAt} format="date" />. Follow
            the service’s risk procedure.
          </p>
          {away ? (
            <p className="hint">
              Who to call is under “In an emergency” above, with their local contacts: 999 cannot be
              dialled from abroad.
            </p>
          ) : (
            <UrgentRiskPanel />
          )}
        </div>
      ) : null}
      <div className="columns">
        <section className="panel" aria-labelledby="about-patient">
          <h3 id="about-patient">About</h3>
          <dl className="facts">
            <dt>Date of birth</dt>
            <dd>{patient.dateOfBirth}</dd>
            <dt>Phone</dt>
            <dd>{patient.phone}</dd>
            <dt>Status</dt>
            <dd>{patient.status === 'active' ? 'Active' : 'Discharged'}</dd>
            <dt>Episode</dt>
            <dd>
              {episode
                ? `Step ${episode.step}, ${episode.problemDescriptor} (${episode.phase})`
                : 'None'}
            </dd>
            <dt>Outcome so far</dt>
            <dd>{detail.outcome?.label ?? 'Not assessed yet'}</dd>
          </dl>
          <EmergencyContactSection
            patientId={patientId}
            contacts={detail.emergencyContacts}
            readOnly={supervisor}
          />
        </section>
        <section className="panel" aria-labelledby="patient-deadlines">
          <h3 id="patient-deadlines">Deadlines</h3>
          <DeadlineList
            deadlines={detail.deadlines.filter((d) => d.state !== 'done')}
            showPatientLink={false}
          />
        </section>
      </div>
      <MessagesThread
        patientId={patientId}
        readOnly={supervisor}
        prepared={supervisor ? null : abroadMessage}
      />
      <AppointmentsSection
        patientId={patientId}
        appointments={detail.appointments}
        readOnly={supervisor}
      />
      <MeasuresSection
        patientId={patientId}
        measures={detail.measures}
        appointments={detail.appointments}
        readOnly={supervisor}
        outcome={detail.outcome}
      />
      <NotesSection
        patientId={patientId}
        notes={detail.notes}
        appointments={detail.appointments}
        readOnly={supervisor}
      />
      <TicketsSection
        patientId={patientId}
        tickets={detail.tickets}
        readOnly={supervisor}
        chosen={place?.to === 'ticket' ? place.ticketKind : null}
      />
    </section>
  );
}
