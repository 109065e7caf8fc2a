import { forgetWhenEnded } from '../../session-scope';

/**
 * Feedback typed on a line but not yet added, by transcript and line. Closing the box (Escape,
 * the line's Feedback button, scrolling the session away) must not drop a supervisor's words:
 * they wait here, in this window's memory only (never on disk), and the box shows them again
 * when it reopens on that line. Cleared once the core has the comment, and when the person
 * signed in changes (kept across a lock: the same person unlocks and finds them).
 */
const drafts = new Map<string, string>();
const listeners = new Set<() => void>();
forgetWhenEnded('person', () => {
  drafts.clear();
  for (const listener of listeners) listener();
});

const keyOf = (transcriptId: string, utteranceId: string): string =>
  `${transcriptId}:${utteranceId}`;

export function commentDraft(transcriptId: string, utteranceId: string): string {
  return drafts.get(keyOf(transcriptId, utteranceId)) ?? '';
}

export function setCommentDraft(transcriptId: string, utteranceId: string, body: string): void {
  const key = keyOf(transcriptId, utteranceId);
  const had = drafts.has(key);
  if (body.trim().length === 0) drafts.delete(key);
  else drafts.set(key, body);
  if (had !== drafts.has(key)) for (const listener of listeners) listener();
}

/** The lines of a transcript holding unsent feedback (for the line's "unsent" mark). */
export function linesWithCommentDrafts(transcriptId: string): ReadonlySet<string> {
  const prefix = `${transcriptId}:`;
  return new Set(
    [...drafts.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)),
  );
}

export function subscribeCommentDrafts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
