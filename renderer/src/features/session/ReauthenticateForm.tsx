import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/ipc';
import { ErrorText } from '../../ui/Feedback';
import { DemoTotpHelper } from './DemoAccounts';
import { useSession } from './session-store';

const MIN_PASSCODE = 6;

/**
 * Sign in again online (password + authenticator code) as the person whose data this
 * computer holds; with a new local passcode when the old one is forgotten or locked out.
 */
export function ReauthenticateForm({
  status,
  newPasscodeRequired,
  idPrefix,
}: {
  status: SessionStatus;
  newPasscodeRequired: boolean;
  idPrefix: string;
}) {
  const { reauthenticate, busy, actionError } = useSession();
  const [email, setEmail] = useState(status.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [passcode, setPasscode] = useState('');
  const [confirm, setConfirm] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const id = (name: string) => `${idPrefix}-${name}`;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (newPasscodeRequired) {
      if (passcode.length < MIN_PASSCODE) {
        setFormError(`The new passcode needs at least ${MIN_PASSCODE} characters.`);
        return;
      }
      if (passcode !== confirm) {
        setFormError('The two passcodes are different: type the same passcode twice.');
        return;
      }
    }
    setFormError(null);
    void reauthenticate({
      email: email.trim(),
      password,
      totp: totp.trim(),
      newPasscode: newPasscodeRequired ? passcode : undefined,
    }).then(() => setPassword(''));
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={id('email')}>Email</label>
        <input
          id={id('email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
          required
        />
      </div>
      <div className="field">
        <label htmlFor={id('password')}>Password</label>
        <input
          id={id('password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
        />
      </div>
      <div className="field">
        <label htmlFor={id('totp')}>Six-digit authenticator code</label>
        <input
          id={id('totp')}
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          value={totp}
          onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
          autoComplete="one-time-code"
          required
        />
      </div>
      {status.demo && email ? <DemoTotpHelper email={email} onUse={setTotp} /> : null}
      {newPasscodeRequired ? (
        <>
          <div className="field">
            <label htmlFor={id('passcode')}>New local passcode for this computer</label>
            <input
              id={id('passcode')}
              type="password"
              value={passcode}
              onChange={(e) => setPasscode(e.target.value)}
              aria-describedby={id('passcode-hint')}
              autoComplete="new-password"
              required
            />
            <p id={id('passcode-hint')} className="hint">
              At least {MIN_PASSCODE} characters. It replaces the passcode you used before.
            </p>
          </div>
          <div className="field">
            <label htmlFor={id('confirm')}>New passcode again</label>
            <input
              id={id('confirm')}
              type="password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="new-password"
              required
            />
          </div>
        </>
      ) : null}
      <ErrorText error={formError ?? actionError} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in again'}
      </button>
    </form>
  );
}
