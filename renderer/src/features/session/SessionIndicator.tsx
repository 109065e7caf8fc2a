import type { SessionStatus } from '../../../../shared/ipc';

const labels: Record<SessionStatus['state'], string> = {
  'signed-out': 'Signed out',
  locked: 'Locked',
  'location-check-needed': 'Location check needed',
  unlocked: 'Patient data open',
  'sign-in-needed': 'Sign-in needed',
};

/** Always-visible session state; announced politely when it changes. */
export function SessionIndicator({ status }: { status: SessionStatus | null }) {
  return (
    <p className="session-indicator" role="status" aria-live="polite">
      <span className={`dot dot--${status?.state ?? 'unknown'}`} aria-hidden="true" />
      {status ? labels[status.state] : 'Connecting to the app engine…'}
      {status?.user ? (
        <span className="session-indicator__user"> — {status.user.displayName}</span>
      ) : null}
    </p>
  );
}
