import { useState, type FormEvent } from 'react';
import { ErrorText } from '../../ui/Feedback';
import {
  CredentialFields,
  MIN_PASSCODE,
  NewPasscodeFields,
  newPasscodeProblem,
} from './CredentialFields';
import { DemoAccountsTable, DemoTotpHelper, useDemoAccounts } from './DemoAccounts';
import { EraseDeviceButton } from './EraseDeviceButton';
import { unsentText } from './unsent';
import { useSession } from './session-store';

const signInId = (name: string) => `signin-${name}`;

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
    const problem = newPasscodeProblem(passcode, confirm, 'The local passcode');
    setFormError(problem);
    if (problem) return;
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
          <CredentialFields
            id={signInId}
            email={{ value: email, onChange: setEmail }}
            password={{ value: password, onChange: setPassword }}
            totp={{ value: totp, onChange: setTotp }}
          />
          {accounts && email ? <DemoTotpHelper email={email} onUse={setTotp} /> : null}
          <NewPasscodeFields
            id={signInId}
            passcode={{ value: passcode, onChange: setPasscode }}
            confirm={{ value: confirm, onChange: setConfirm }}
            label="Local passcode for this computer"
            confirmLabel="Passcode again"
            hint={`At least ${MIN_PASSCODE} characters. It unlocks the app after it locks itself.`}
          />
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
