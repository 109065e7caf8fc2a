import { useEffect } from 'react';
import { CaseloadView } from '../features/caseload/components/CaseloadView';
import { TherapistsView } from '../features/caseload/components/TherapistsView';
import { TodayView } from '../features/deadlines/components/TodayView';
import { HoursView } from '../features/hours/components/HoursView';
import { MessagesView } from '../features/messages/components/MessagesView';
import { NavBar } from '../features/navigation/NavBar';
import { CommandPalette } from '../features/palette/CommandPalette';
import { usePalette } from '../features/palette/palette-store';
import { useShortcuts } from '../features/palette/use-shortcuts';
import { NoticesRegion } from '../features/notices/NoticesRegion';
import { useNav, type Route } from '../features/navigation/nav-store';
import { NoteEditor } from '../features/notes/components/NoteEditor';
import { UrgentRiskView } from '../features/risk/UrgentRiskView';
import { AbroadBanner } from '../features/location/AbroadBanner';
import { WorkingAbroadView } from '../features/location/WorkingAbroadView';
import { useRecheckOnNetworkReturn } from '../features/location/use-recheck-on-network';
import { PatientView } from '../features/patient/components/PatientView';
import { DataFreshness } from '../features/sync/DataFreshness';
import { SupervisorHome } from '../features/supervision/SupervisorHome';
import { SettingsView } from '../features/settings/SettingsView';
import { SyncBar } from '../features/sync/SyncBar';
import { useSync } from '../features/sync/sync-store';
import { TicketsView } from '../features/tickets/components/TicketsView';
import { TranscriptsView } from '../features/transcripts/components/TranscriptsView';
import { SplitView } from '../ui/SplitView';

/** Views that show no patient's risk (pay; the crisis panel itself). */
const NO_RISK_SHOWN: ReadonlySet<string> = new Set(['hours', 'urgent-risk', 'abroad', 'settings']);

/** What the caseload's split shows beside the list: the patient, or a note of theirs. */
function CaseloadItem({ route, supervisor }: { route: Route; supervisor: boolean }) {
  if (route.view === 'patient')
    return (
      <PatientView
        key={route.patientId}
        patientId={route.patientId}
        supervisor={supervisor}
        focus={route.focus}
        place={route.place}
      />
    );
  if (route.view === 'note')
    return (
      <NoteEditor
        key={route.noteId}
        noteId={route.noteId}
        patientId={route.patientId}
        focus={route.focus}
      />
    );
  return null;
}

/** The unlocked workspace: navigation, the current view, and the always-visible sync bar. */
export function Workspace({ supervisor }: { supervisor: boolean }) {
  const route = useNav((s) => s.route);
  const followSync = useSync((s) => s.follow);
  useEffect(() => followSync(), [followSync]);
  useRecheckOnNetworkReturn();
  useShortcuts(supervisor);
  const paletteOpen = usePalette((s) => s.open);
  return (
    <div className="workspace">
      <NavBar supervisor={supervisor} />
      <main id="main" tabIndex={-1} className="workspace__main" aria-labelledby="view-heading">
        <NoticesRegion />
        <AbroadBanner />
        <DataFreshness riskShown={!NO_RISK_SHOWN.has(route.view)} />
        {route.view === 'today' ? supervisor ? <SupervisorHome /> : <TodayView /> : null}
        {route.view === 'caseload' || route.view === 'patient' || route.view === 'note' ? (
          <SplitView
            view="caseload"
            listLabel="Caseload"
            list={<CaseloadView />}
            detail={
              route.view === 'caseload' ? null : (
                <CaseloadItem route={route} supervisor={supervisor} />
              )
            }
          />
        ) : null}
        {route.view === 'therapists' ? <TherapistsView therapistId={route.therapistId} /> : null}
        {route.view === 'messages' ? (
          <MessagesView patientId={route.patientId} supervisor={supervisor} />
        ) : null}
        {route.view === 'transcripts' ? (
          <TranscriptsView transcriptId={route.transcriptId} supervisor={supervisor} />
        ) : null}
        {route.view === 'tickets' ? (
          <TicketsView supervisor={supervisor} ticketId={route.ticketId} />
        ) : null}
        {route.view === 'hours' ? <HoursView /> : null}
        {route.view === 'urgent-risk' ? <UrgentRiskView /> : null}
        {route.view === 'abroad' ? <WorkingAbroadView /> : null}
        {route.view === 'settings' ? <SettingsView /> : null}
      </main>
      <SyncBar />
      {paletteOpen ? <CommandPalette supervisor={supervisor} /> : null}
    </div>
  );
}
