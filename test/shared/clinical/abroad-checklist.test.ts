import { describe, expect, it } from 'vitest';
import { type ChecklistPatient, tripChecklistOf } from '../../../shared/clinical';

const patient = (
  name: string,
  hasContact: boolean,
  told: ChecklistPatient['told'],
): ChecklistPatient => ({ patientId: `id-${name}`, name, hasContact, told });

describe('tripChecklistOf (the readiness of a working trip)', () => {
  it('is ready only when every active patient has a contact and a delivered message', () => {
    expect(
      tripChecklistOf([
        patient('Ann Bell', true, 'delivered'),
        patient('Cy Dee', true, 'delivered'),
      ]),
    ).toMatchObject({ ready: true, missing: [], withoutContact: 0 });
  });

  it.each([
    ['no contact', false, 'delivered', { contact: false, told: 'delivered' }],
    ['not told', true, 'not-sent', { contact: true, told: 'not-sent' }],
    ['a message only queued', true, 'queued', { contact: true, told: 'queued' }],
    ['a refused message', true, 'refused', { contact: true, told: 'refused' }],
  ] as const)('is not ready with %s, and names the patient', (_, contact, told, missing) => {
    const list = tripChecklistOf([
      patient('Ann Bell', true, 'delivered'),
      patient('Cy Dee', contact, told),
    ]);
    expect(list.ready).toBe(false);
    expect(list.missing).toEqual([{ patientId: 'id-Cy Dee', name: 'Cy Dee', ...missing }]);
  });

  it('counts each state and lists who is missing what by name', () => {
    const list = tripChecklistOf([
      patient('Zoe Ng', false, 'not-sent'),
      patient('Ann Bell', true, 'queued'),
      patient('Cy Dee', false, 'delivered'),
      patient('Eve Fox', true, 'delivered'),
    ]);
    expect(list).toMatchObject({
      activePatients: 4,
      withoutContact: 2,
      told: { notSent: 1, queued: 1, refused: 0, delivered: 2 },
      ready: false,
    });
    expect(list.missing.map((m) => m.name)).toEqual(['Ann Bell', 'Cy Dee', 'Zoe Ng']);
  });
});
