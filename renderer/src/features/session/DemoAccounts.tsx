import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DemoAccountView } from '../../../../shared/ipc';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';

export type DemoAccount = z.infer<typeof DemoAccountView>;

const roleLabel: Record<DemoAccount['role'], string> = {
  pwp: 'PWP (step 2)',
  therapist: 'Therapist (step 3)',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};

/** Demo mode only: `session.demoAccounts` fails on a real server, and then nothing shows. */
export function useDemoAccounts(): DemoAccount[] | null {
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  useEffect(() => {
    let live = true;
    unwrap(clinician().session.demoAccounts()).then(
      (value) => live && setAccounts(value.accounts),
      () => live && setAccounts(null),
    );
    return () => {
      live = false;
    };
  }, []);
  return accounts;
}

export function DemoAccountsTable({
  accounts,
  onUse,
}: {
  accounts: DemoAccount[];
  onUse: (account: DemoAccount) => void;
}) {
  return (
    <section className="panel" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo accounts</h2>
      <p className="muted">
        This is the embedded demo server with synthetic patients. Pick an account to fill in the
        form.
      </p>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Demo accounts you can sign in with</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Email</th>
              <th scope="col">Password</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.email}>
                <th scope="row">{account.displayName}</th>
                <td>{roleLabel[account.role]}</td>
                <td>{account.email}</td>
                <td>
                  <code>{account.password}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    onClick={() => onUse(account)}
                    aria-label={`Use the account of ${account.displayName}`}
                  >
                    Use this account
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The demo account's current authenticator code, refreshed when it runs out. */
export function DemoTotpHelper({ email, onUse }: { email: string; onUse: (code: string) => void }) {
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      unwrap(clinician().session.demoTotp({ email })).then(
        (value) => {
          if (!live) return;
          setError(null);
          setCode({ code: value.code, expiresAt: Date.now() + value.validForSeconds * 1000 });
          timer = setTimeout(load, Math.max(1, value.validForSeconds) * 1000 + 250);
        },
        (failure: unknown) => live && setError(errorText(failure)),
      );
    };
    load();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(tick);
    };
  }, [email]);

  if (error) return <p className="error">Demo code helper: {error}</p>;
  if (!code) return null;
  const secondsLeft = Math.max(0, Math.round((code.expiresAt - now) / 1000));
  return (
    <div className="totp-helper">
      <p id="totp-helper-label">
        Demo authenticator code for {email}: <strong className="totp-code">{code.code}</strong>{' '}
        <span className="muted">(changes in {secondsLeft} s)</span>
      </p>
      <button type="button" className="button" onClick={() => onUse(code.code)}>
        Fill in this code
      </button>
    </div>
  );
}
