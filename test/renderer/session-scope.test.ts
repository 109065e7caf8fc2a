import { beforeEach, describe, expect, it } from 'vitest';
import { SessionStatus, SyncStatus } from '../../shared/ipc';
import { useCaseloadTable } from '../../renderer/src/features/caseload/store/caseload-table-store';
import { useNav } from '../../renderer/src/features/navigation/nav-store';
import { createLiveQuery } from '../../renderer/src/features/sync/live-query';
import { useSync } from '../../renderer/src/features/sync/sync-store';
import {
  commentDraft,
  setCommentDraft,
} from '../../renderer/src/features/transcripts/comment-drafts';
import { adoptSessionStatus } from '../../renderer/src/session-scope';

/**
 * What the window holds for the person signed in (where they were, their caseload search,
 * feedback not yet added) and the patient data it read from the core: a lock lets go of
 * the patient data only; a change of person lets go of everything, so the next person to
 * sign in on this computer starts on their own Today and never sees the last one's
 * patients, not even for a moment while their own load. Synthetic names.
 */
const tom = { id: 'u-tom', displayName: 'Tom Reeve', role: 'pwp', email: 'tom@example.test' };
const rhys = {
  id: 'u-rhys',
  displayName: 'Rhys Ellis',
  role: 'therapist',
  email: 'r@example.test',
};

function status(state: SessionStatus['state'], user: typeof tom | null): SessionStatus {
  return SessionStatus.parse({
    state,
    user,
    serverUrl: 'http://127.0.0.1:1',
    demo: true,
    keyProtection: user ? 'test-seam' : null,
    offlineLeaseExpiresAt: null,
    lockAfterMinutes: 5,
    reason: null,
    unlockAttemptsLeft: user ? 5 : null,
    signInNeeded: null,
    unsentChanges: null,
    recovery: null,
    changedAt: '2026-03-03T14:02:00.000Z',
  });
}

const caseload = createLiveQuery<Record<string, never>, string[]>({
  entities: ['patient'],
  key: () => 'all',
  load: async () => ['Ava Baker (NTT-2026-37873)'],
});

/** Tom's sync status: three changes waiting, one refused reply that names his patient. */
const tomsSync = SyncStatus.parse({
  connection: 'online',
  phase: 'idle',
  lastSyncedAt: '2026-03-03T14:00:00.000Z',
  serverTimeOffsetMs: 0,
  progress: { core: { applied: 10, caughtUp: true }, transcripts: { applied: 4, caughtUp: true } },
  pendingChanges: 3,
  rejected: [
    {
      seq: 7,
      kind: 'message.send',
      summary: 'Reply to Ava Baker',
      reason: 'Ava Baker’s thread was closed by the service.',
      createdAt: '2026-03-03T13:58:00.000Z',
    },
  ],
  heldBack: [],
  noteConflicts: 0,
  nextAttemptAt: null,
  lastError: null,
});

/**
 * Tom works: the window now holds his place, search, a line's feedback, his caseload, and his
 * sync status with the refused change's list open.
 */
async function tomWorks(): Promise<void> {
  adoptSessionStatus(status('unlocked', tom));
  useSync.setState({ status: tomsSync, changesOpen: true });
  useNav.getState().go({ view: 'transcripts', transcriptId: 't-1', utteranceSeq: 12 });
  useCaseloadTable.getState().setFilter({ search: 'baker', risk: 'flagged' });
  setCommentDraft('t-1', 'line-12', 'Good use of Socratic questioning here.');
  await caseload.getState().reload({});
}

const heldCaseload = () => caseload.getState().byKey.all?.value ?? null;

describe('the window lets go of what a session ends', () => {
  beforeEach(() => adoptSessionStatus(status('signed-out', null)));

  it('holds it all while the person works', async () => {
    await tomWorks();
    adoptSessionStatus(status('unlocked', tom));
    expect(heldCaseload()).toEqual(['Ava Baker (NTT-2026-37873)']);
    expect(useNav.getState().route.view).toBe('transcripts');
  });

  it('a lock forgets the patient data read, and keeps where they were and their words', async () => {
    await tomWorks();
    adoptSessionStatus(status('locked', tom));
    expect(heldCaseload()).toBeNull();
    expect(useNav.getState().route).toEqual({
      view: 'transcripts',
      transcriptId: 't-1',
      utteranceSeq: 12,
    });
    expect(useCaseloadTable.getState().filter.search).toBe('baker');
    expect(commentDraft('t-1', 'line-12')).toBe('Good use of Socratic questioning here.');
    // His sync status keeps its counts and time; what the refused change said is let go of.
    const sync = useSync.getState();
    expect(sync.changesOpen).toBe(false);
    expect(sync.status?.pendingChanges).toBe(3);
    expect(sync.status?.lastSyncedAt).toBe('2026-03-03T14:00:00.000Z');
    expect(sync.status?.rejected).toHaveLength(1);
    expect(JSON.stringify(sync.status)).not.toContain('Ava');
    adoptSessionStatus(status('unlocked', tom));
    expect(useNav.getState().route.view).toBe('transcripts');
  });

  it('sign-out forgets everything: the next person starts on their own Today', async () => {
    await tomWorks();
    adoptSessionStatus(status('signed-out', null));
    adoptSessionStatus(status('unlocked', rhys));
    expect(heldCaseload()).toBeNull();
    expect(useNav.getState().route).toEqual({ view: 'today' });
    expect(useNav.getState().history).toEqual([]);
    expect(useCaseloadTable.getState().filter.search).toBe('');
    expect(useCaseloadTable.getState().filter.risk).toBe('any');
    expect(commentDraft('t-1', 'line-12')).toBe('');
    // Rhys's status bar waits for his own status: none of Tom's counts meanwhile.
    expect(useSync.getState().status).toBeNull();
    expect(useSync.getState().changesOpen).toBe(false);
  });

  it('another person unlocking straight after (no signed-out status seen) is a change too', async () => {
    await tomWorks();
    adoptSessionStatus(status('unlocked', rhys));
    expect(heldCaseload()).toBeNull();
    expect(useNav.getState().route).toEqual({ view: 'today' });
    expect(commentDraft('t-1', 'line-12')).toBe('');
    expect(useSync.getState().status).toBeNull();
  });
});
