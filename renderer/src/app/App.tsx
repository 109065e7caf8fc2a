import { useEffect } from 'react';
import { AboutPanel } from '../features/about/AboutPanel';
import { CrisisButton } from '../features/crisis/CrisisButton';
import { CrisisDialog } from '../features/crisis/CrisisDialog';
import { useCrisis } from '../features/crisis/crisis-store';
import { useAbout } from '../features/about/about-store';
import { LocationCheckScreen } from '../features/location/LocationCheckScreen';
import { LockScreen } from '../features/session/LockScreen';
import { SessionIndicator } from '../features/session/SessionIndicator';
import { KeyProtectionWarning, RecoveryNotice } from '../features/session/SessionNotices';
import { SignInAgainScreen } from '../features/session/SignInAgainScreen';
import { SignInScreen } from '../features/session/SignInScreen';
import { SignOutButton } from '../features/session/SignOutButton';
import { useSession } from '../features/session/session-store';
import { useActivityTouch } from '../features/session/use-activity';
import { useFollowDeviceZone } from '../ui/device-zone';
import { ErrorText, Loading } from '../ui/Feedback';
import { Workspace } from './Workspace';

/** The app: which screen the session allows, inside one page layout. */
export function App() {
  const status = useSession((s) => s.status);
  const location = useSession((s) => s.location);
  const error = useSession((s) => s.error);
  const follow = useSession((s) => s.follow);
  const crisisOpen = useCrisis((s) => s.open);
  const about = useAbout();
  const load = useAbout((s) => s.load);
  useEffect(() => follow(), [follow]);
  useEffect(() => load(), [load]);
  useFollowDeviceZone();
  useActivityTouch(status?.state === 'unlocked' || status?.state === 'location-check-needed');

  const state = status?.state;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <h1 className="app-title">Typed CBT Clinician</h1>
        {about.info?.host === 'preview' ? <span className="badge">Browser preview</span> : null}
        <SessionIndicator status={status} />
        <CrisisButton />
        {state && state !== 'signed-out' ? <SignOutButton /> : null}
      </header>
      {crisisOpen && status ? <CrisisDialog patientDataOpen={state === 'unlocked'} /> : null}
      <aside aria-label="Notices about this device" className="notices">
        <KeyProtectionWarning status={status} />
        <RecoveryNotice status={status} />
      </aside>
      {state === 'unlocked' ? (
        <Workspace supervisor={status?.user?.role === 'supervisor'} />
      ) : (
        <main id="main" tabIndex={-1} className="app-main">
          <ErrorText error={error} />
          {!status && !error ? <Loading what="the app" /> : null}
          {state === 'signed-out' ? <SignInScreen /> : null}
          {state === 'locked' && status ? <LockScreen status={status} /> : null}
          {state === 'sign-in-needed' && status ? <SignInAgainScreen status={status} /> : null}
          {state === 'location-check-needed' && status ? (
            <LocationCheckScreen status={status} location={location} />
          ) : null}
          {state === 'signed-out' ? <AboutPanel info={about.info} error={about.error} /> : null}
        </main>
      )}
    </>
  );
}
