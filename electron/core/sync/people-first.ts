/**
 * People before the background download. The core's thread answers the UI's calls and stores
 * the sync's pages; a page of transcripts is one transaction of up to ~0.5 s that nothing
 * interrupts. When a screen asks several things in a row (a caseload, its deadlines, a
 * thread), a page started between two of those calls makes the person wait for it each time.
 *
 * The UI's calls are marked as they begin and end; before storing a page of the background
 * lane, the engine waits until nobody has called for `graceMs`, for at most `maxDeferMs` per
 * page, so a burst of calls is answered together and the download resumes once the screen
 * is quiet. A call already waiting in the queue counts. A call that runs long (a sign-in, "sync now" waiting for its round) holds the page
 * back only at its start: what counts is recent activity, not calls in flight.
 */
export const PEOPLE_FIRST_GRACE_MS = 25;
export const PEOPLE_FIRST_MAX_DEFER_MS = 250;

export interface PeopleFirst {
  /** A person's call began; the returned function says it ended (once). */
  begin(): () => void;
  /** Resolves once nobody has called for the grace period, or the deferral's bound passed. */
  quiet(): Promise<void>;
}

export function peopleFirst(
  options: {
    readonly graceMs?: number;
    readonly maxDeferMs?: number;
    readonly now?: () => number;
  } = {},
): PeopleFirst {
  const grace = options.graceMs ?? PEOPLE_FIRST_GRACE_MS;
  const maxDefer = options.maxDeferMs ?? PEOPLE_FIRST_MAX_DEFER_MS;
  const now = options.now ?? (() => performance.now());
  let lastActivity = -Infinity;
  return {
    begin() {
      lastActivity = now();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        lastActivity = now();
      };
    },
    async quiet() {
      const start = now();
      // A call may be waiting in the thread's queue behind the work just done (a page parsed
      // as it arrived): let it in before deciding that nobody is calling.
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (;;) {
        const at = now();
        const waited = at - start;
        const sinceActivity = at - lastActivity;
        if (sinceActivity >= grace || waited >= maxDefer) return;
        await new Promise<void>((resolve) =>
          setTimeout(resolve, Math.max(1, Math.min(grace - sinceActivity, maxDefer - waited))),
        );
      }
    },
  };
}
