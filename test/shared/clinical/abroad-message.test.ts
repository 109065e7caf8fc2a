import { describe, expect, it } from 'vitest';
import { workingAbroadMessage } from '../../../shared/clinical';

describe('the working-abroad message to a patient', () => {
  const base = {
    patientGivenName: 'Sam',
    therapistName: 'Priya Nair',
    country: 'France',
    from: 'Monday 7 December 2026',
    to: 'Friday 11 December 2026',
    contact: { name: 'Amélie Durand', phone: '+33 6 12 34 56 78', localEmergencyNumber: '112' },
    onCallNumber: '0161 496 0456',
  };

  it('names the dates, the country, that 999 cannot be called, and who to call instead', () => {
    expect(workingAbroadMessage(base)).toBe(
      [
        'Dear Sam,',
        'From Monday 7 December 2026 to Friday 11 December 2026 I will be working from France. Our sessions and messages carry on as planned.',
        'While I am abroad I cannot call 999 for you. If you are in immediate danger, call 112 (the emergency number where you are), or Amélie Durand on +33 6 12 34 56 78. You can also ring the service on 0161 496 0456.',
        'Best wishes,\nPriya Nair',
      ].join('\n\n'),
    );
  });

  it('says one day as one day, and makes do without a contact or an on-call number', () => {
    const text = workingAbroadMessage({
      ...base,
      to: base.from,
      contact: null,
      onCallNumber: null,
    });
    expect(text).toContain('On Monday 7 December 2026 I will be working from France.');
    expect(text).toContain(
      'I cannot call 999 for you. If you are in immediate danger, call the emergency number where you are.\n\n',
    );
    expect(text).not.toContain('ring the service');
  });
});
