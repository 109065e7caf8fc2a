import type { ReactNode } from 'react';

/** The shortest local passcode the app accepts. */
export const MIN_PASSCODE = 6;

/** Why a new passcode and its confirmation cannot be used, or null when they can. */
export function newPasscodeProblem(passcode: string, confirm: string, what: string): string | null {
  if (passcode.length < MIN_PASSCODE) return `${what} needs at least ${MIN_PASSCODE} characters.`;
  if (passcode !== confirm) return 'The two passcodes are different: type the same passcode twice.';
  return null;
}

interface Value {
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/**
 * Email, password and authenticator code: the online sign-in's fields, on the first sign-in
 * and when signing in again. `id(name)` gives each field its id.
 */
export function CredentialFields({
  id,
  email,
  password,
  totp,
}: {
  id: (name: string) => string;
  email: Value;
  password: Value;
  totp: Value;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={id('email')}>Email</label>
        <input
          id={id('email')}
          type="email"
          value={email.value}
          onChange={(e) => email.onChange(e.target.value)}
          autoComplete="username"
          required
        />
      </div>
      <div className="field">
        <label htmlFor={id('password')}>Password</label>
        <input
          id={id('password')}
          type="password"
          value={password.value}
          onChange={(e) => password.onChange(e.target.value)}
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
          value={totp.value}
          onChange={(e) => totp.onChange(e.target.value.replace(/\D/g, ''))}
          autoComplete="one-time-code"
          required
        />
      </div>
    </>
  );
}

/** A new local passcode, typed twice. */
export function NewPasscodeFields({
  id,
  passcode,
  confirm,
  label,
  confirmLabel,
  hint,
}: {
  id: (name: string) => string;
  passcode: Value;
  confirm: Value;
  label: string;
  confirmLabel: string;
  hint: ReactNode;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={id('passcode')}>{label}</label>
        <input
          id={id('passcode')}
          type="password"
          value={passcode.value}
          onChange={(e) => passcode.onChange(e.target.value)}
          aria-describedby={id('passcode-hint')}
          autoComplete="new-password"
          required
        />
        <p id={id('passcode-hint')} className="hint">
          {hint}
        </p>
      </div>
      <div className="field">
        <label htmlFor={id('confirm')}>{confirmLabel}</label>
        <input
          id={id('confirm')}
          type="password"
          value={confirm.value}
          onChange={(e) => confirm.onChange(e.target.value)}
          autoComplete="new-password"
          required
        />
      </div>
    </>
  );
}
