import { useState, type FormEvent } from 'react';
import { ErrorText } from '../../ui/Feedback';
import { DemoAccountsTable, DemoTotpHelper, useDemoAccounts } from './DemoAccounts';
import { EraseDeviceButton } from './EraseDeviceButton';
import { unsentText } from './unsent';
import { useSession } from './session-store';

const MIN_PASSCODE = 6;

export function SignInScreen() {
  const accounts = useDemoAccounts();
  const { signIn, busy, actionError } = useSession();
  const leftBehind = useSession((s) => s.status?.unsentChanges ?? null);
  const [serverUrl, setServerUrl] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [passcode, setPasscode] = useState('');
  const [confirm, setConfirm] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (passcode.length < MIN_PASSCODE) {
      setFormError(`The local passcode needs at least ${MIN_PASSCODE} characters.`);
      return;
    }
    if (passcode !== confirm) {
      setFormError('The two passcodes are different: type the same passcode twice.');
      return;
    }
    setFormError(null);
    void signIn({
      serverUrl: serverUrl.trim() === '' ? undefined : serverUrl.trim(),
      email: email.trim(),
      password,
      totp: totp.trim(),
      passcode,
    });
  };

  return (
    <div className="signin">
      {leftBehind !== null ? (
        <section className="panel" aria-labelledby="left-behind-heading">
          <h2 id="left-behind-heading">This computer still holds data it cannot open</h2>
          <p>
            It is kept, encrypted, in case it can be opened again (for example once the system
            keyring is back). To sign in here, erase it first
            {leftBehind > 0 ? `: ${unsentText(leftBehind)} would be lost for good` : ''}.
          </p>
          <EraseDeviceButton
            label={`Erase this device's data (${unsentText(leftBehind)})`}
            unsentChanges={leftBehind}
            ownerName={null}
          />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="signin-heading">
        <h2 id="signin-heading">Sign in</h2>
        <p className="muted">
          Sign in online once on this computer. Your caseload is then kept encrypted here and stays
          usable without a network; the local passcode unlocks it.
        </p>
        <form className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="signin-server">Server address</label>
            <input
              id="signin-server"
              type="url"
              value={serverUrl}
              onChange={(e) => setServerUrl(e.target.value)}
              aria-describedby="signin-server-hint"
              autoComplete="url"
            />
            <p id="signin-server-hint" className="hint">
              Leave empty to use the embedded demo server on this computer.
            </p>
          </div>
          <div className="field">
            <label htmlFor="signin-email">Email</label>
            <input
              id="signin-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="username"
              required
            />
          </div>
          <div className="field">
            <label htmlFor="signin-password">Password</label>
            <input
              id="signin-password"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </div>
          <div className="field">
            <label htmlFor="signin-totp">Six-digit authenticator code</label>
            <input
              id="signin-totp"
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
              autoComplete="one-time-code"
              required
            />
          </div>
          {accounts && email ? <DemoTotpHelper email={email} onUse={setTotp} /> : null}
          <div className="field">
            <label htmlFor="signin-passcode">Local passcode for this computer</label>
            <input
              id="signin-passcode"
              type="password"
              value={passcode}
              onChange={(e) => setPasscode(e.target.value)}
              aria-describedby="signin-passcode-hint"
              autoComplete="new-password"
              required
            />
            <p id="signin-passcode-hint" className="hint">
              At least {MIN_PASSCODE} characters. It unlocks the app after it locks itself.
            </p>
          </div>
          <div className="field">
            <label htmlFor="signin-confirm">Passcode again</label>
            <input
              id="signin-confirm"
              type="password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              autoComplete="new-password"
              required
            />
          </div>
          <ErrorText error={formError ?? actionError} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </section>
      {accounts && accounts.length > 0 ? (
        <DemoAccountsTable
          accounts={accounts}
          onUse={(account) => {
            setEmail(account.email);
            setPassword(account.password);
            document.getElementById('signin-totp')?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
