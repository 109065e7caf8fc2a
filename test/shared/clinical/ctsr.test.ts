import { describe, expect, it } from 'vitest';
import { mutationPayloads } from '../../../shared/api';
import {
  CTSR_ITEMS,
  completeCtsrScores,
  ctsrSummary,
  defaultServiceConfig,
  readCtsrScore,
  serviceConfigFromWire,
} from '../../../shared/clinical';
import { transcriptsContract } from '../../../shared/ipc';

const all = (n: number | null) => CTSR_ITEMS.map(() => n);
const withGaps = (gaps: number[]) => CTSR_ITEMS.map((_, i) => (gaps.includes(i) ? null : 4));

describe('CTS-R scores as typed', () => {
  it('an empty box is unscored, never 0', () => {
    expect(readCtsrScore('')).toEqual({ kind: 'unscored' });
    expect(readCtsrScore('  ')).toEqual({ kind: 'unscored' });
    expect(readCtsrScore('0')).toEqual({ kind: 'score', value: 0 });
    expect(readCtsrScore(' 6 ')).toEqual({ kind: 'score', value: 6 });
  });

  it('a 9, a -1, a 2.5 or a word is refused in words, never clamped', () => {
    expect(readCtsrScore('9')).toEqual({
      kind: 'invalid',
      message: '9 is out of range: score 0 to 6.',
    });
    expect(readCtsrScore('-1')).toMatchObject({ kind: 'invalid', message: /out of range/ });
    expect(readCtsrScore('2.5')).toMatchObject({ kind: 'invalid', message: /whole number/ });
    expect(readCtsrScore('four')).toMatchObject({ kind: 'invalid', message: /not a score/ });
  });
});

describe('ctsrSummary', () => {
  it('has no total and no verdict while an item is unscored, and names the missing ones', () => {
    const s = ctsrSummary(withGaps([1, 11]), 36);
    expect(s).toMatchObject({ scored: 10, partialTotal: 40, total: null, competent: null });
    expect(s.unscored).toEqual(['Feedback', 'Homework setting']);
  });

  it('a complete rating is out of 72 against the threshold, exactly 36 competent', () => {
    expect(ctsrSummary(all(3), 36)).toMatchObject({ total: 36, competent: true });
    expect(ctsrSummary(all(3), 37)).toMatchObject({ total: 36, competent: false });
    expect(ctsrSummary(all(6), 36)).toMatchObject({ total: 72, competent: true });
  });

  it('takes the threshold from the service configuration (36 by default)', () => {
    expect(defaultServiceConfig.supervision.ctsrCompetenceThreshold).toBe(36);
    const wire = {
      ...sampleWire(),
      ctsrCompetenceThreshold: 40,
    };
    expect(serviceConfigFromWire(wire).supervision.ctsrCompetenceThreshold).toBe(40);
    expect(serviceConfigFromWire(sampleWire()).supervision.ctsrCompetenceThreshold).toBe(36);
  });
});

describe('a CTS-R submission, as core, IPC and server read it', () => {
  const payload = (items: (number | null)[]) => ({
    ratingId: '7a0c3d1e-8e3f-4f57-9a55-3c4a5f0a3b11',
    transcriptId: '7a0c3d1e-8e3f-4f57-9a55-3c4a5f0a3b12',
    items,
    itemNotes: CTSR_ITEMS.map(() => ''),
    comment: '',
  });

  it('refuses missing items, naming them, in the HTTP contract and the IPC contract', () => {
    const http = mutationPayloads['ctsr.rate'].safeParse(payload(withGaps([2, 7])));
    expect(http.success).toBe(false);
    expect(http.error?.issues.map((i) => i.message)).toEqual([
      '2 items are not scored yet: Collaboration, Eliciting behaviours.',
    ]);
    const { ratingId: _, ...request } = payload(withGaps([0]));
    const ipc = transcriptsContract.rate.request.safeParse(request);
    expect(ipc.error?.issues[0]?.message).toBe('One item is not scored yet: Agenda setting.');
  });

  it('refuses an out-of-range or fractional score in words, and accepts a full rating', () => {
    const nine = mutationPayloads['ctsr.rate'].safeParse(payload([9, ...all(3).slice(1)]));
    expect(nine.error?.issues[0]?.message).toMatch(/scored with a whole number from 0 to 6/);
    expect(
      mutationPayloads['ctsr.rate'].safeParse(payload([2.5, ...all(3).slice(1)])).success,
    ).toBe(false);
    expect(mutationPayloads['ctsr.rate'].safeParse(payload(all(0))).success).toBe(true);
  });

  it('an older caller without item notes is read as no notes, not refused', () => {
    const { ratingId: _, itemNotes: __, ...request } = payload(all(3));
    const parsed = transcriptsContract.rate.request.parse(request);
    expect(parsed.itemNotes).toEqual(CTSR_ITEMS.map(() => ''));
  });

  it('a draft may hold unscored items; completeCtsrScores refuses them by name', () => {
    const { ratingId: _, ...draft } = payload(withGaps([3]));
    expect(transcriptsContract.saveCtsrDraft.request.safeParse(draft).success).toBe(true);
    expect(() => completeCtsrScores(withGaps([3]))).toThrow(
      'One item is not scored yet: Pacing and efficient use of time.',
    );
    expect(completeCtsrScores(all(5))).toEqual(all(5));
  });
});

function sampleWire() {
  return {
    deadlines: {
      messageReplyHours: 48,
      contactGapDays: 7,
      clinicalNoteHours: 48,
      caseReviewWeeks: 4,
      lateCancellationHours: 48,
      step2TreatmentSessionsBeforeExtension: 4,
    },
    caseloadCaps: {
      newPwpCap: 15,
      newPwpCapWeeks: 2,
      pwpMinimumCaseload: 15,
      step3ValidationCap: 10,
      step3ValidationMinimum: 5,
    },
    payRates: [],
    paidMissedSessionsPerEpisode: 2,
    adsmThresholds: {},
  };
}
