import { useState } from 'react';
import { useSync } from '../sync/sync-store';
import { Dialog } from '../../ui/Dialog';
import { useSession } from './session-store';

/** Signing out wipes this computer's copy: say so, and say what unsent work would be lost. */
export function SignOutButton() {
  const signOut = useSession((s) => s.signOut);
  const pending = useSync((s) => s.status?.pendingChanges ?? 0);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setAsking(true)}>
        Sign out…
      </button>
      {asking ? (
        <Dialog title="Sign out and wipe this computer?" onClose={() => setAsking(false)}>
          <p>
            Signing out removes the encrypted copy of your caseload, transcripts and drafts from
            this computer. You will need to sign in online again.
          </p>
          {pending > 0 ? (
            <p className="error">
              {pending} change{pending === 1 ? ' has' : 's have'} not reached the server yet and
              would be lost. Connect to the internet and wait for them to sync first.
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Stay signed in
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setAsking(false);
                signOut();
              }}
            >
              Sign out and wipe
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
