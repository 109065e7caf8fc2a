import type { SyncStatus } from '../../../../shared/ipc';
import { ErrorText, Tag } from '../../ui/Feedback';
import { Time } from '../../ui/Time';
import { ariaShortcut, withShortcut } from '../palette/shortcuts';
import { usePlatform } from '../palette/use-platform';
import { LockButton } from '../session/LockButton';
import { ChangesDialog } from './ChangesDialog';
import { lastSyncStyle } from './last-sync';
import { LocationInStatusBar } from './LocationInStatusBar';
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

/**
 * The status bar, pinned at the bottom of every view: connection, last sync, progress,
 * changes waiting (as the person made them: a note's autosaves count once), the changes that
 * need the person (refused, or held back; their list opens from here), where this computer is,
 * and the lock. Announced politely.
 */
export function SyncBar() {
  const { status, error, syncNow, changesOpen, openChanges } = useSync();
  const mac = usePlatform();
  if (!status) return <ErrorText error={error} />;
  const online = status.connection === 'online';
  const refused = status.rejected.length;
  const held = status.heldBack.length;
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
            Last synced{' '}
            <Time iso={status.lastSyncedAt} format={lastSyncStyle(status.lastSyncedAt)} />
          </span>
        ) : (
          // No full round (both lanes) yet since the app opened; the data's own age is above
          // every view ("Data as of …", DataFreshness).
          <span className="muted">Not synced since the app opened</span>
        )}
        {status.lastError ? <span className="muted">({status.lastError})</span> : null}
        <button
          type="button"
          className="button button--small"
          aria-keyshortcuts={ariaShortcut('syncNow', mac)}
          title={withShortcut('Sync now', 'syncNow', mac)}
          onClick={syncNow}
        >
          Sync now
        </button>
        <LocationInStatusBar />
        <span className="syncbar__end">
          <LockButton />
        </span>
      </div>
      {refused + held > 0 ? (
        <div className="syncbar__rejected" role="alert">
          <h2 className="syncbar__heading">{attentionText(refused, held)}</h2>
          <p>
            Nothing is lost: read each one in full, copy it, edit and send it again, or discard it.{' '}
            <button type="button" className="button button--small" onClick={openChanges}>
              Review changes that need you
            </button>
          </p>
        </div>
      ) : null}
      {changesOpen ? <ChangesDialog /> : null}
      <ErrorText error={error} />
    </section>
  );
}

function attentionText(refused: number, held: number): string {
  const parts = [
    refused > 0
      ? `${refused} change${refused === 1 ? ' was' : 's were'} refused by the server`
      : '',
    held > 0
      ? `${held} change${held === 1 ? ' is' : 's are'} held back after repeated failures`
      : '',
  ].filter(Boolean);
  return parts.join('; ');
}
