import { describe, expect, it } from 'vitest';
import { defaultServiceConfig, type UrgentRisk, urgentRiskNow } from '../../../shared/clinical';

const numbers: UrgentRisk = {
  ...defaultServiceConfig.urgentRisk,
  officeNumber: '0113 496 0123',
  onCallNumber: '0161 496 0456',
};

describe('urgentRiskNow: who covers urgent risk now (UK time)', () => {
  it.each<[string, string, 'office_hours' | 'on_call' | 'outside', string | null, string | null]>([
    [
      'Tuesday 10:00 GMT: office hours',
      '2026-12-01T10:00:00Z',
      'office_hours',
      '0113 496 0123',
      '2026-12-01T17:30:00.000Z',
    ],
    [
      'Tuesday 17:30: on call (office hours end at 17:30)',
      '2026-12-01T17:30:00Z',
      'on_call',
      '0161 496 0456',
      '2026-12-01T20:00:00.000Z',
    ],
    [
      'Tuesday 20:00: outside, office from Wednesday 09:00',
      '2026-12-01T20:00:00Z',
      'outside',
      null,
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'Saturday 07:59: outside, on call from 08:00',
      '2026-12-05T07:59:00Z',
      'outside',
      null,
      '2026-12-05T08:00:00.000Z',
    ],
    [
      'Saturday 10:00: on call',
      '2026-12-05T10:00:00Z',
      'on_call',
      '0161 496 0456',
      '2026-12-05T20:00:00.000Z',
    ],
    [
      'Sunday 21:00: outside, office from Monday 09:00',
      '2026-12-06T21:00:00Z',
      'outside',
      null,
      '2026-12-07T09:00:00.000Z',
    ],
    [
      'Wednesday 17:45 BST: on call until 20:00 BST',
      '2026-09-16T16:45:00Z',
      'on_call',
      '0161 496 0456',
      '2026-09-16T19:00:00.000Z',
    ],
    [
      'Sunday 29 March 07:30 BST (clocks went forward): on call from 08:00 BST',
      '2026-03-29T06:30:00Z',
      'outside',
      null,
      '2026-03-29T07:00:00.000Z',
    ],
  ])('%s', (_label, now, cover, number, until) => {
    const answer = urgentRiskNow(now, numbers);
    expect(answer).toMatchObject({ cover, number, until });
  });

  it('says what to do in a sentence, and when no number is configured', () => {
    expect(urgentRiskNow('2026-12-01T18:00:00Z', numbers).sentence).toBe(
      'Now within on-call hours: urgent risk goes to the on-call supervisor — call 0161 496 0456.',
    );
    expect(urgentRiskNow('2026-12-01T10:00:00Z', defaultServiceConfig.urgentRisk).sentence).toBe(
      'Now within office hours: urgent risk goes to the duty team (office hours) — the service has not configured a number: ask your supervisor.',
    );
    expect(urgentRiskNow('2026-12-01T22:00:00Z', numbers)).toMatchObject({
      next: { cover: 'office_hours', at: '2026-12-02T09:00:00.000Z' },
      sentence:
        'Now outside office and on-call hours: if the patient is in immediate danger call 999; otherwise ask them to call NHS 111 (mental health option) or their local crisis line, and record what you did.',
    });
  });

  it('with no hours configured there is never cover, and a backwards period is ignored', () => {
    const none: UrgentRisk = {
      ...numbers,
      officeHours: [],
      onCallHours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '20:00', to: '08:00' }],
    };
    expect(urgentRiskNow('2026-12-01T23:00:00Z', none)).toMatchObject({
      cover: 'outside',
      until: null,
      next: null,
    });
  });
});
