import type { SyncStatus } from '../../../../shared/ipc';
import { ErrorText, Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { useSync } from './sync-store';

const phaseText: Record<SyncStatus['phase'], string> = {
  idle: 'Up to date',
  'first-sync': 'First download',
  pulling: 'Receiving changes',
  pushing: 'Sending changes',
  'backing-off': 'Waiting to retry',
};

function Lane({ name, lane }: { name: string; lane: SyncStatus['progress']['core'] }) {
  return (
    <span>
      {name}: {lane.applied.toLocaleString('en-GB')} records{lane.caughtUp ? ' (complete)' : '…'}
    </span>
  );
}

/** Connection, progress, pending and rejected changes: always on screen, announced politely. */
export function SyncBar() {
  const { status, error, dismissRejected, syncNow } = useSync();
  if (!status) return <ErrorText error={error} />;
  const online = status.connection === 'online';
  return (
    <section className="syncbar" aria-label="Sync status">
      <div className="syncbar__row" role="status" aria-live="polite">
        <Tag tone={online ? 'ok' : 'warn'}>{online ? 'Online' : 'Offline'}</Tag>
        <span>{phaseText[status.phase]}</span>
        {status.phase === 'first-sync' || !status.progress.transcripts.caughtUp ? (
          <span className="syncbar__progress">
            <Lane name="Caseload and messages" lane={status.progress.core} />
            {' · '}
            <Lane name="Transcripts" lane={status.progress.transcripts} />
          </span>
        ) : null}
        <span>
          {status.pendingChanges === 0
            ? 'No changes waiting'
            : `${status.pendingChanges} change${status.pendingChanges === 1 ? '' : 's'} waiting to send`}
        </span>
        {status.noteConflicts > 0 ? (
          <Tag tone="warn">
            {status.noteConflicts} note{status.noteConflicts === 1 ? '' : 's'} to merge
          </Tag>
        ) : null}
        {status.lastSyncedAt ? (
          <span className="muted">
            Last synced <Time iso={status.lastSyncedAt} format="clock" />
          </span>
        ) : null}
        {status.lastError ? <span className="muted">({status.lastError})</span> : null}
        <button type="button" className="button button--small" onClick={syncNow}>
          Sync now
        </button>
      </div>
      {status.rejected.length > 0 ? (
        <div className="syncbar__rejected" role="alert">
          <h2 className="syncbar__heading">
            {status.rejected.length} change{status.rejected.length === 1 ? ' was' : 's were'}{' '}
            refused by the server
          </h2>
          <ul>
            {status.rejected.map((change) => (
              <li key={change.seq}>
                <strong>{change.summary}</strong>: {change.reason}{' '}
                <span className="muted">
                  (made <Time iso={change.createdAt} />)
                </span>{' '}
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => dismissRejected(change.seq)}
                  aria-label={`Dismiss: ${change.summary}`}
                >
                  Dismiss
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorText error={error} />
    </section>
  );
}
