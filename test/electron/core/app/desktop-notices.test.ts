import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../../shared/clinical';
import {
  deadlineNoticeWatch,
  refusedChangesNoticeWatch,
} from '../../../../electron/core/app/desktop-notices';

const T0 = Date.parse('2026-12-02T09:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const deadline = (id: string, dueInMinutes: number, extra: Partial<Deadline> = {}): Deadline => ({
  id,
  kind: 'message_reply',
  patientId: `patient-${id}`,
  subjectId: id,
  triggeredAt: at(-48 * 60).toISOString(),
  dueAt: at(dueInMinutes).toISOString(),
  state: dueInMinutes < 0 ? 'overdue' : 'due_soon',
  sentence: `Reply to Patient ${id} — due soon`,
  ...extra,
});

describe('deadline notices', () => {
  it('learn what is already due at the first look, then announce each deadline once as it comes within the hour and once as it becomes overdue', () => {
    const watch = deadlineNoticeWatch();
    const a = deadline('a', -30); // overdue at the start: Today shows it, no notice
    const b = deadline('b', 45); // within the hour at the start
    const c = deadline('c', 90);
    expect(watch([a, b, c], at(0))).toBeNull();
    expect(watch([a, b, c], at(10))).toBeNull(); // nothing new
    // c comes within the hour.
    expect(watch([a, b, c], at(31))).toEqual({
      level: 'info',
      message: '1 deadline falls due within the hour. See Today.',
    });
    expect(watch([a, b, c], at(32))).toBeNull();
    // b becomes overdue (and is told once).
    expect(watch([a, b, c], at(46))).toEqual({
      level: 'warning',
      message: '1 deadline is now overdue. See Today.',
    });
    expect(watch([a, b, c], at(64))).toBeNull();
    expect(watch([a, b, c], at(89))).toBeNull();
    // c overdue, d and e new and within the hour, in one notice.
    const d = deadline('d', 120);
    const e = deadline('e', 125);
    expect(watch([a, b, c, d, e], at(91))).toEqual({
      level: 'warning',
      message: '1 deadline is now overdue; 2 deadlines fall due within the hour. See Today.',
    });
  });

  it('say nothing of a deadline done, or falling inside the therapist’s leave', () => {
    const watch = deadlineNoticeWatch();
    expect(watch([], at(0))).toBeNull();
    const done = deadline('done', 30, { state: 'done', completedAt: at(0).toISOString() });
    const onLeave = deadline('leave', 30, {
      duringLeave: { from: '2026-12-01', to: '2026-12-05' },
    });
    expect(watch([done, onLeave], at(1))).toBeNull();
  });

  it('announce a deadline again when it was done and opened again', () => {
    const watch = deadlineNoticeWatch();
    expect(watch([], at(0))).toBeNull();
    const x = deadline('x', 30);
    expect(watch([x], at(1))?.message).toBe('1 deadline falls due within the hour. See Today.');
    expect(watch([{ ...x, state: 'done' }], at(2))).toBeNull();
    expect(watch([x], at(3))?.message).toBe('1 deadline falls due within the hour. See Today.');
  });

  it('never name a patient or what the deadline is about', () => {
    const watch = deadlineNoticeWatch();
    watch([], at(0));
    const notice = watch([deadline('a', 10), deadline('b', -1)], at(1));
    expect(notice?.message).not.toMatch(/patient|Patient|reply|Reply|a\b|b\b/);
  });
});

describe('refused-change notices', () => {
  it('announce refusals that arrive while watching, counted, once each, and none already there at the start', () => {
    const watch = refusedChangesNoticeWatch();
    expect(watch([4])).toBeNull();
    expect(watch([4])).toBeNull();
    expect(watch([4, 7, 9])).toEqual({
      level: 'warning',
      message:
        'The service refused 2 changes you made. Nothing is lost: choose "Review changes that need you" to see why and send again.',
    });
    expect(watch([7, 9])).toBeNull(); // one discarded
    expect(watch([7, 9, 12])?.message).toMatch(/^The service refused 1 change you made\./);
  });
});
