import type { MarkedPart, TextRange } from '../../../../../shared/text/text-match';
import { markRanges } from '../../../../../shared/text/text-match';

/**
 * Text with its matches marked: React text nodes and <mark> elements only (never HTML from
 * the text), the current hit told apart for the eye and named for screen readers.
 */
export function MarkedText({
  text,
  ranges,
  currentRange = -1,
}: {
  text: string;
  ranges: readonly TextRange[];
  currentRange?: number;
}) {
  if (ranges.length === 0) return <>{text}</>;
  return <MarkedParts parts={markRanges(text, ranges)} currentMark={currentRange} />;
}

/** Parts from the core (a search snippet) or from `markRanges`: marked ones as <mark>. */
export function MarkedParts({
  parts,
  currentMark = -1,
}: {
  parts: readonly MarkedPart[];
  currentMark?: number;
}) {
  const markIndex: number[] = [];
  let seen = -1;
  for (const part of parts) {
    if (part.marked) seen += 1;
    markIndex.push(seen);
  }
  return (
    <>
      {parts.map((part, i) => {
        if (!part.marked) return <span key={i}>{part.text}</span>;
        const current = markIndex[i] === currentMark;
        return current ? (
          <mark key={i} className="mark--current" data-current-hit="">
            {part.text}
            <span className="visually-hidden"> (current match)</span>
          </mark>
        ) : (
          <mark key={i}>{part.text}</mark>
        );
      })}
    </>
  );
}
