import type { SessionStatus } from '../../../../shared/ipc';
import { Time } from '../../ui/Time';
import { useSession } from './session-store';

/** Always visible while it holds: the database key is not protected by the OS. */
export function KeyProtectionWarning({ status }: { status: SessionStatus | null }) {
  if (status?.keyProtection === 'unprotected') {
    return (
      <p className="banner banner--warn" role="note">
        <strong>Warning: this computer does not protect the database key.</strong> Your operating
        system has no secure key store (Linux “basic_text”), so anyone who can read your files could
        open the patient data. Use a desktop with a keyring, or ask your service.
      </p>
    );
  }
  if (status?.keyProtection === 'test-seam') {
    return (
      <p className="banner banner--warn" role="note">
        <strong>Warning: test key storage.</strong> The database key is kept in a plain file for
        testing. Never use this build with real patients.
      </p>
    );
  }
  return null;
}

/** The local store was rebuilt after damage: what happened, and that the outbox was kept. */
export function RecoveryNotice({ status }: { status: SessionStatus | null }) {
  const dismiss = useSession((s) => s.dismissRecovery);
  const recovery = status?.recovery;
  if (!recovery) return null;
  return (
    <section className="banner banner--info" aria-labelledby="recovery-heading">
      <h2 id="recovery-heading">The local copy was rebuilt</h2>
      <p>
        {recovery.reason} <Time iso={recovery.at} />.{' '}
        {recovery.outboxEntriesKept > 0
          ? `${recovery.outboxEntriesKept} unsent change${recovery.outboxEntriesKept === 1 ? ' was' : 's were'} kept and will be sent.`
          : 'No unsent changes were waiting.'}{' '}
        Your caseload is being downloaded again.
      </p>
      <button type="button" className="button" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
