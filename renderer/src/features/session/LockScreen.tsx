import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/ipc';
import { ErrorText } from '../../ui/Feedback';
import { SignOutButton } from './SignOutButton';
import { useSession } from './session-store';

export function LockScreen({ status }: { status: SessionStatus }) {
  const { unlock, busy, actionError } = useSession();
  const [passcode, setPasscode] = useState('');
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
            {status.unlockAttemptsLeft === null
              ? 'Forgotten it? Sign out and sign in again online.'
              : `${status.unlockAttemptsLeft} attempt${status.unlockAttemptsLeft === 1 ? '' : 's'} left before this computer is signed out and wiped.`}
          </p>
        </div>
        <ErrorText error={actionError} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Unlock
          </button>
          <SignOutButton />
        </div>
      </form>
    </section>
  );
}
