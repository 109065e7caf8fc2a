import type { SessionStatus } from '../../../../shared/ipc';
import { EraseDeviceButton } from './EraseDeviceButton';
import { ReauthenticateForm } from './ReauthenticateForm';
import { unsentText } from './unsent';

/**
 * The sign-in on this computer cannot be renewed: the same person signs in again online and
 * finds everything as they left it. Anyone else may only erase the data, knowingly.
 */
export function SignInAgainScreen({ status }: { status: SessionStatus }) {
  const needed = status.signInNeeded;
  const unsent = status.unsentChanges;
  const owner = status.user?.displayName ?? null;
  return (
    <div className="signin">
      <section className="panel" aria-labelledby="sign-in-again-heading">
        <h2 id="sign-in-again-heading">Sign in again to continue</h2>
        <p>{status.reason}</p>
        <p className="notice notice--ok" role="note">
          {unsent === null || unsent > 0
            ? `Your ${unsentText(unsent)} ${unsent === 1 ? 'is' : 'are'} kept on this computer, encrypted, and will be sent once you have signed in again.`
            : 'Nothing unsent is waiting on this computer; your caseload is kept, encrypted.'}
        </p>
        {owner ? (
          <p className="muted">
            Only {owner} can sign in again here ({status.user?.email}).
          </p>
        ) : null}
        <ReauthenticateForm
          status={status}
          newPasscodeRequired={needed?.newPasscodeRequired ?? false}
          idPrefix="reauth"
        />
      </section>
      <section className="panel" aria-labelledby="someone-else-heading">
        <h2 id="someone-else-heading">{owner ? `Not ${owner}?` : 'Someone else?'}</h2>
        <p>
          This computer keeps {owner ? `${owner}'s` : 'its'} data until they sign in again. To use
          it yourself, erase that data first
          {unsent && unsent > 0 ? `: ${unsentText(unsent)} would be lost for good` : ''}.
        </p>
        <EraseDeviceButton
          label={`Erase this device's data (${unsentText(unsent ?? 0)})`}
          unsentChanges={unsent ?? 0}
          ownerName={owner}
        />
      </section>
    </div>
  );
}
