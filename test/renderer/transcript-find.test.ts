import { describe, expect, it } from 'vitest';
import {
  findInLines,
  findStatus,
  hitsByLine,
  rangesOfLine,
  stepHit,
} from '../../renderer/src/features/transcripts/find/transcript-find';

const lines = [
  { text: 'How was the week?' },
  { text: 'I went to the café twice, then the CAFE again' },
  { text: 'Nothing else' },
  { text: 'Cafés are busy' },
];

describe('find in a transcript', () => {
  it('lists every match in reading order, case and accents ignored', () => {
    expect(
      findInLines(lines, 'cafe').map((h) => [h.line, lines[h.line]?.text.slice(h.start, h.end)]),
    ).toEqual([
      [1, 'café'],
      [1, 'CAFE'],
      [3, 'Caf\u00e9'],
    ]);
    expect(findInLines(lines, '')).toEqual([]);
  });

  it.each([
    // [current, count, direction, next]
    [-1, 3, 1, 0],
    [-1, 3, -1, 2],
    [0, 3, 1, 1],
    [2, 3, 1, 0], // round the end
    [0, 3, -1, 2], // round the start
    [0, 0, 1, -1],
  ] as const)('from %i of %i, step %i → %i', (current, count, direction, next) => {
    expect(stepHit(current, count, direction)).toBe(next);
  });

  it('says where the reader is, and that more may come while the session loads', () => {
    expect(findStatus('cafe', 1, 3, true)).toBe('2 of 3');
    expect(findStatus('cafe', 0, 3, false)).toBe(
      '1 of 3 so far (the rest of the session is still loading)',
    );
    expect(findStatus('zebra', -1, 0, true)).toBe('No match');
    expect(findStatus('  ', -1, 0, true)).toBe('');
  });

  it('gives each drawn line its own ranges and which one is current', () => {
    const hits = findInLines(lines, 'cafe');
    const byLine = hitsByLine(hits);
    expect(rangesOfLine(hits, byLine.get(1) ?? [], 1)).toEqual({
      ranges: [
        { start: 14, end: 18 },
        { start: 35, end: 39 },
      ],
      currentRange: 1,
    });
    expect(rangesOfLine(hits, byLine.get(3) ?? [], 1).currentRange).toBe(-1);
    expect(byLine.get(0)).toBeUndefined();
  });
});
