import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/ipc';
import { ErrorText } from '../../ui/Feedback';
import {
  CredentialFields,
  MIN_PASSCODE,
  NewPasscodeFields,
  newPasscodeProblem,
} from './CredentialFields';
import { DemoTotpHelper } from './DemoAccounts';
import { useSession } from './session-store';

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
    const problem = newPasscodeRequired
      ? newPasscodeProblem(passcode, confirm, 'The new passcode')
      : null;
    setFormError(problem);
    if (problem) return;
    void reauthenticate({
      email: email.trim(),
      password,
      totp: totp.trim(),
      newPasscode: newPasscodeRequired ? passcode : undefined,
    }).then(() => setPassword(''));
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <CredentialFields
        id={id}
        email={{ value: email, onChange: setEmail }}
        password={{ value: password, onChange: setPassword }}
        totp={{ value: totp, onChange: setTotp }}
      />
      {status.demo && email ? <DemoTotpHelper email={email} onUse={setTotp} /> : null}
      {newPasscodeRequired ? (
        <NewPasscodeFields
          id={id}
          passcode={{ value: passcode, onChange: setPasscode }}
          confirm={{ value: confirm, onChange: setConfirm }}
          label="New local passcode for this computer"
          confirmLabel="New passcode again"
          hint={`At least ${MIN_PASSCODE} characters. It replaces the passcode you used before.`}
        />
      ) : null}
      <ErrorText error={formError ?? actionError} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in again'}
      </button>
    </form>
  );
}
