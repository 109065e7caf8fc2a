import { describe, expect, it } from 'vitest';
import { lostAccess } from '../../server/sync/visibility';

describe('lostAccess: what a change of visibility takes away', () => {
  it('is what was visible before and is not after', () => {
    expect(
      lostAccess(
        { patientIds: ['p1', 'p2', 'p3'], therapistIds: ['self', 'a', 'b'] },
        { patientIds: ['p2'], therapistIds: ['self', 'b'] },
      ),
    ).toEqual({ patientIds: ['p1', 'p3'], therapistIds: ['a'] });
  });

  it('never takes a patient still visible another way (through another supervisee)', () => {
    const before = { patientIds: ['shared', 'only-a'], therapistIds: ['self', 'a', 'b'] };
    const after = { patientIds: ['shared'], therapistIds: ['self', 'b'] };
    expect(lostAccess(before, after).patientIds).toEqual(['only-a']);
  });

  it('takes nothing when nothing changed, and names each scope once', () => {
    const same = { patientIds: ['p1', 'p1'], therapistIds: ['self'] };
    expect(lostAccess(same, same)).toEqual({ patientIds: [], therapistIds: [] });
    expect(lostAccess({ patientIds: ['p1', 'p1'], therapistIds: ['a', 'a'] }, same)).toEqual({
      patientIds: [],
      therapistIds: ['a'],
    });
  });
});
