import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deadline } from '../../../../shared/clinical';
import { startDevice, type TestDevice } from '../../../support/device';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 13, item 12, on a therapist's device (real core, encrypted store, real server): as the
 * device's clock moves, a deadline coming within the hour and then passing raises one
 * `app.notice` each, marked for the desktop, naming no patient; what was already due when the
 * app opened is not announced (Today shows it); the person's setting turns the desktop off.
 */
const SCRYPT_HEAVY_MS = 180_000;
const reference = useReferenceServer();
const shift = { ms: 0 };
const notices: { level: string; message: string; desktop: boolean }[] = [];
let d: TestDevice;

beforeAll(async () => {
  const server = reference.server();
  d = await startDevice({
    serverUrl: server.url,
    now: () => Date.now() + shift.ms,
    deadlineNoticeEveryMs: 100,
  });
  d.core.onEvent((channel, payload) => {
    if (channel === 'app.notice') notices.push(payload as (typeof notices)[number]);
  });
  await d.signIn(server.account('Tom Reeve'));
  await d.synced();
}, SCRYPT_HEAVY_MS);
afterAll(async () => d?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));
const openDeadlines = async () =>
  (await d.call<{ deadlines: Deadline[] }>('deadlines.list', {})).deadlines.filter(
    (x) => x.state !== 'done' && !x.duringLeave,
  );

/** Move the device's clock to half an hour before the next open deadline over an hour away. */
async function toHalfAnHourBeforeTheNextDeadline(): Promise<void> {
  const now = Date.now() + shift.ms;
  const next = (await openDeadlines())
    .map((x) => Date.parse(x.dueAt))
    .filter((due) => due - now > 61 * 60_000)
    .sort((a, b) => a - b)[0];
  if (next === undefined) throw new Error('no deadline more than an hour ahead in the demo');
  shift.ms += next - 30 * 60_000 - now;
}

describe('deadline notices on a therapist’s device', () => {
  it('announce a deadline as it falls due within the hour and as it becomes overdue, once each, with no patient in them', async () => {
    await settle();
    expect(notices).toEqual([]); // the first look only learns what is already due
    await toHalfAnHourBeforeTheNextDeadline();
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await settle();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: 'info', desktop: true });
    expect(notices[0]?.message).toMatch(
      /^\d+ deadlines? falls? due within the hour\. See Today\.$/,
    );

    shift.ms += 31 * 60_000; // a minute after it
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBe(2);
    expect(notices[1]).toMatchObject({ level: 'warning', desktop: true });
    expect(notices[1]?.message).toMatch(/^\d+ deadlines? (is|are) now overdue/);
    await settle();
    expect(notices).toHaveLength(2);

    // No patient-identifiable text: no name, case reference or kind of task of the caseload.
    const patients = (d.store()?.records.list('patient') ?? []).map((p) => p.data);
    for (const { message } of notices)
      for (const p of patients) {
        expect(message).not.toContain(p.familyName);
        expect(message).not.toContain(p.caseReference);
      }
  });

  it('still tells the app, but not the desktop, once the person turned desktop notifications off', async () => {
    await d.call('app.setNotificationSettings', { desktop: false });
    const before = notices.length;
    await toHalfAnHourBeforeTheNextDeadline();
    await expect.poll(() => notices.length, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(notices.at(-1)).toMatchObject({ desktop: false });
  });
});
