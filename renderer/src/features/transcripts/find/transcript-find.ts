import { findMatches, type TextRange } from '../../../../../shared/text/text-match';

/** One place the find box's words occur: the line (its position in the list) and where. */
export interface FindHit extends TextRange {
  line: number;
}

/** Every hit in the lines, in reading order (the shared matcher: case and accents ignored). */
export function findInLines(lines: readonly { text: string }[], query: string): FindHit[] {
  const hits: FindHit[] = [];
  lines.forEach((l, line) => {
    for (const range of findMatches(l.text, query)) hits.push({ line, ...range });
  });
  return hits;
}

/** Next (+1) or previous (−1) hit, round the ends as a find does; -1 when there is none. */
export function stepHit(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** "3 of 12", or why there is none; `complete` false: the session is still being read in. */
export function findStatus(
  query: string,
  current: number,
  count: number,
  complete: boolean,
): string {
  if (query.trim() === '') return '';
  const more = complete ? '' : ' so far (the rest of the session is still loading)';
  if (count === 0) return complete ? 'No match' : `No match${more}`;
  return `${current + 1} of ${count}${more}`;
}

/** Each line's hits (their positions in `hits`), so a drawn row finds its own at once. */
export function hitsByLine(hits: readonly FindHit[]): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  hits.forEach((h, i) => {
    const own = byLine.get(h.line);
    if (own) own.push(i);
    else byLine.set(h.line, [i]);
  });
  return byLine;
}

/** One line's ranges to mark, and which of them (if any) is the current hit. */
export function rangesOfLine(
  hits: readonly FindHit[],
  own: readonly number[],
  current: number,
): { ranges: TextRange[]; currentRange: number } {
  return {
    ranges: own.flatMap((i) => {
      const h = hits[i];
      return h ? [{ start: h.start, end: h.end }] : [];
    }),
    currentRange: own.indexOf(current),
  };
}
