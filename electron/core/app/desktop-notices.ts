import type { Deadline } from '../../../shared/clinical';

/**
 * What the person should hear about while the app is open but they are looking elsewhere
 * (issue 13, item 12): deadlines falling due and changes the service refused. Each notice is a
 * count and where to look — never a patient, a name or a case reference: it may reach the
 * operating system's notifications, which show outside the app, even on a locked screen.
 *
 * Both watchers announce what *changes* while they watch. The first look only learns what is
 * already so (Today and the status bar show it the moment the app opens); after that, each
 * deadline is announced once as it comes within the hour and once as it becomes overdue, each
 * refused change once.
 */
export interface DesktopNotice {
  readonly level: 'info' | 'warning';
  readonly message: string;
}

/** "Falling due": an open deadline comes within this long of its time. */
export const FALLING_DUE_MS = 60 * 60_000;

type Stage = 'within the hour' | 'overdue';

const stageOf = (d: Deadline, nowMs: number): Stage | null => {
  // Done, or inside the therapist's leave (Today reads it "during your leave"): nothing to do now.
  if (d.state === 'done' || d.duringLeave) return null;
  const left = Date.parse(d.dueAt) - nowMs;
  if (left < 0) return 'overdue';
  return left <= FALLING_DUE_MS ? 'within the hour' : null;
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function deadlineNoticeWatch(): (
  deadlines: readonly Deadline[],
  now: Date,
) => DesktopNotice | null {
  let told: Set<string> | null = null;
  return (deadlines, now) => {
    const current = new Set<string>();
    let overdue = 0;
    let soon = 0;
    for (const d of deadlines) {
      const stage = stageOf(d, now.getTime());
      if (!stage) continue;
      const key = `${d.id}|${stage}`;
      current.add(key);
      if (!told || told.has(key)) continue;
      if (stage === 'overdue') overdue++;
      else soon++;
    }
    // Keep only what still stands: a deadline done and reopened is announced again.
    told = current;
    if (overdue === 0 && soon === 0) return null;
    const parts = [
      overdue > 0 ? `${plural(overdue, 'deadline is', 'deadlines are')} now overdue` : null,
      soon > 0 ? `${plural(soon, 'deadline falls', 'deadlines fall')} due within the hour` : null,
    ].filter((p): p is string => p !== null);
    return {
      level: overdue > 0 ? 'warning' : 'info',
      message: `${parts.join('; ')}. See Today.`,
    };
  };
}

export function refusedChangesNoticeWatch(): (
  refusedSeqs: readonly number[],
) => DesktopNotice | null {
  let told: Set<number> | null = null;
  return (refusedSeqs) => {
    const fresh = told ? refusedSeqs.filter((seq) => !told?.has(seq)).length : 0;
    told = new Set(refusedSeqs);
    if (fresh === 0) return null;
    return {
      level: 'warning',
      message: `The service refused ${plural(fresh, 'change', 'changes')} you made. Nothing is lost: choose "Review changes that need you" to see why and send again.`,
    };
  };
}
