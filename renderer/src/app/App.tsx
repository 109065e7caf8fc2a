import { useEffect } from 'react';
import { AboutPanel } from '../features/about/AboutPanel';
import { useAbout } from '../features/about/about-store';
import { SessionIndicator } from '../features/session/SessionIndicator';
import { SignedOutScreen } from '../features/session/SignedOutScreen';
import { useSession } from '../features/session/session-store';

export function App() {
  const session = useSession();
  const about = useAbout();
  const follow = useSession((s) => s.follow);
  const load = useAbout((s) => s.load);

  useEffect(() => follow(), [follow]);
  useEffect(() => load(), [load]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <h1 className="app-title">Typed CBT Clinician</h1>
        {about.info?.host === 'preview' ? <span className="badge">Browser preview</span> : null}
        <SessionIndicator status={session.status} />
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {session.error ? (
          <p role="alert" className="error">
            {session.error}
          </p>
        ) : null}
        <SignedOutScreen />
        <AboutPanel info={about.info} error={about.error} />
      </main>
    </>
  );
}
