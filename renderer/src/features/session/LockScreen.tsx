import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/ipc';
import { ErrorText } from '../../ui/Feedback';
import { ReauthenticateForm } from './ReauthenticateForm';
import { SignOutButton } from './SignOutButton';
import { useSession } from './session-store';

const attemptsHint = (left: number | null): string =>
  left === null
    ? 'Forgotten it? Sign in again online below.'
    : `${left} attempt${left === 1 ? '' : 's'} left. After that you sign in again online; nothing unsent is lost.`;

export function LockScreen({ status }: { status: SessionStatus }) {
  const { unlock, busy, actionError, clearActionError } = useSession();
  const [passcode, setPasscode] = useState('');
  const [forgotten, setForgotten] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void unlock(passcode).then(() => setPasscode(''));
  };
  return (
    <section className="panel narrow" aria-labelledby="lock-heading">
      <h2 id="lock-heading">Locked</h2>
      <p>{status.reason ?? 'Patient data is closed until you give your passcode.'}</p>
      {status.user ? (
        <p className="muted">
          Signed in as {status.user.displayName} ({status.user.email}).
        </p>
      ) : null}
      {forgotten ? (
        <>
          <h3>Sign in again and choose a new passcode</h3>
          <p>Your unsent changes stay on this computer and are sent once you are signed in.</p>
          <ReauthenticateForm status={status} newPasscodeRequired idPrefix="forgotten" />
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                clearActionError();
                setForgotten(false);
              }}
            >
              Back to the passcode
            </button>
          </div>
        </>
      ) : (
        <form className="form" onSubmit={submit}>
          <div className="field">
            <label htmlFor="unlock-passcode">Passcode</label>
            <input
              id="unlock-passcode"
              type="password"
              autoComplete="current-password"
              value={passcode}
              onChange={(e) => setPasscode(e.target.value)}
              aria-describedby="unlock-attempts"
              required
            />
            <p id="unlock-attempts" className="hint">
              {attemptsHint(status.unlockAttemptsLeft)}
            </p>
          </div>
          <ErrorText error={actionError} />
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Unlock
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                clearActionError();
                setForgotten(true);
              }}
            >
              Forgotten your passcode?
            </button>
            <SignOutButton />
          </div>
        </form>
      )}
    </section>
  );
}
