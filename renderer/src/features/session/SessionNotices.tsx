import type { SessionStatus } from '../../../../shared/ipc';
import { Time } from '../../ui/Time';
import { useSession } from './session-store';

/** Always visible while it holds: the OS does not protect the database key, the passcode does. */
export function KeyProtectionWarning({ status }: { status: SessionStatus | null }) {
  if (status?.keyProtection === 'unprotected') {
    return (
      <p className="banner banner--warn" role="note">
        <strong>Your passcode is all that protects the patient data on this computer.</strong> Your
        operating system offers no secure key store (Linux “basic_text”), so the database key is
        sealed with your passcode alone: choose a long one. A desktop with a keyring protects it
        better; ask your service.
      </p>
    );
  }
  if (status?.keyProtection === 'test-seam') {
    return (
      <p className="banner banner--warn" role="note">
        <strong>Warning: test key storage.</strong> There is no OS keychain here; the database key
        is sealed with your passcode only. Never use this build with real patients.
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
