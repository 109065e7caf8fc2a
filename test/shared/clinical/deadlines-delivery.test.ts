import { describe, expect, it } from 'vitest';
import type { ClinicalFacts, Deadline } from '../../../shared/clinical';
import { computeDeadlines } from '../../../shared/clinical';
import { appointment, config, episode, facts, message } from './fixtures';

/**
 * Issue 10 item 6: a reply still in the outbox is not sent. The patient has not received it,
 * so it neither meets the 48-hour reply deadline nor makes the 7-day contact; once the server
 * has accepted it, it counts from the time it was written.
 */
const RECEIVED = '2026-03-03T14:02:00.000Z'; // Tuesday
const WRITTEN = '2026-03-04T09:00:00.000Z'; // Wednesday, in time
const LATER = '2026-03-10T00:00:00.000Z';

const of = (kind: Deadline['kind'], f: Partial<ClinicalFacts>, now: string) =>
  computeDeadlines(facts(f), config, now).filter((d) => d.kind === kind);
const patientMessage = message({ id: 'm1', receivedAt: RECEIVED });
const replyOf = (delivery: 'queued' | 'refused' | 'delivered', receivedAt = WRITTEN) =>
  message({
    id: 'r',
    sender: 'therapist',
    receivedAt,
    writtenAt: WRITTEN,
    delivery,
  });

describe('a queued or refused reply', () => {
  it('leaves the reply deadline open, and says the reply is queued, not yet delivered', () => {
    const [d] = of('message_reply', { messages: [patientMessage, replyOf('queued')] }, LATER);
    expect(d).toMatchObject({ state: 'overdue', reply: 'queued' });
    expect(d?.completedAt).toBeUndefined();
    expect(d?.sentence).toBe(
      "Reply to Sam Carter's message from Tuesday 3 March 2026, 14:02 — due Thursday 5 March 2026, 14:02 — reply queued, not yet delivered",
    );
  });

  it('a refused reply leaves it open too, and says so', () => {
    const [d] = of('message_reply', { messages: [patientMessage, replyOf('refused')] }, LATER);
    expect(d).toMatchObject({ state: 'overdue', reply: 'refused' });
    expect(d?.sentence).toContain('— your reply was refused by the server: see Refused changes');
  });

  it('once delivered, meets it at the time it was written even if the server got it later', () => {
    const delivered = replyOf('delivered', '2026-03-06T10:00:00.000Z'); // after the deadline
    const [d] = of('message_reply', { messages: [patientMessage, delivered] }, LATER);
    expect(d).toMatchObject({ state: 'done', completedAt: WRITTEN, completedLate: false });
    expect(d?.reply).toBeUndefined();
  });

  it('a delivered reply after a queued one still meets it', () => {
    const [d] = of(
      'message_reply',
      {
        messages: [
          patientMessage,
          replyOf('queued'),
          message({ id: 'r2', sender: 'therapist', receivedAt: '2026-03-04T12:00:00.000Z' }),
        ],
      },
      LATER,
    );
    expect(d).toMatchObject({ state: 'done', completedAt: '2026-03-04T12:00:00.000Z' });
  });

  it('does not make the 7-day contact until delivered', () => {
    const episodes = [episode({ startedAt: '2026-02-01T09:00:00.000Z' })];
    const appointments = [
      appointment({ id: 'a', startsAt: '2026-02-20T10:00:00.000Z', outcome: 'attended' }),
    ];
    const queued = of(
      'contact_gap',
      { episodes, appointments, messages: [replyOf('queued')] },
      LATER,
    );
    expect(queued[0]).toMatchObject({ triggeredAt: '2026-02-20T10:00:00.000Z', reply: 'queued' });
    expect(queued[0]?.sentence).toContain('— reply queued, not yet delivered');
    const delivered = of(
      'contact_gap',
      { episodes, appointments, messages: [replyOf('delivered', '2026-03-05T10:00:00.000Z')] },
      LATER,
    );
    expect(delivered[0]).toMatchObject({ triggeredAt: WRITTEN });
    expect(delivered[0]?.reply).toBeUndefined();
  });

  it('"within 48 hours" is inclusive: a reply written exactly 48 hours after the message is in time', () => {
    const exactly = message({
      id: 'r',
      sender: 'therapist',
      receivedAt: '2026-03-05T16:00:00.000Z',
      writtenAt: '2026-03-05T14:02:00.000Z',
    });
    const [d] = of('message_reply', { messages: [patientMessage, exactly] }, LATER);
    expect(d).toMatchObject({ state: 'done', completedLate: false });
    const late = { ...exactly, writtenAt: '2026-03-05T14:02:00.001Z' };
    expect(of('message_reply', { messages: [patientMessage, late] }, LATER)[0]?.completedLate).toBe(
      true,
    );
  });
});
