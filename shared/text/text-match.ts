/**
 * Finding what a person typed in what was said: case and accents never matter ("cafe" finds
 * "Café", "ZOE" finds "Zoë"), nor runs of spaces or line breaks. Every range is in the
 * original text (UTF-16 offsets, `end` exclusive), so a view can mark it as typed.
 */
export interface TextRange {
  start: number;
  end: number;
}

/** One piece of a text for display: marked pieces are the matches. */
export interface MarkedPart {
  text: string;
  marked: boolean;
}

interface Folded {
  /** The text folded: no accents, lower case, each run of white space one space. */
  text: string;
  /** For each UTF-16 unit of `text`, the original code point's start and end. */
  from: number[];
  to: number[];
}

const foldChar = (char: string): string =>
  char.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en-GB');

function fold(text: string): Folded {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  let inSpace = false;
  for (const char of text) {
    const end = at + char.length;
    const isSpace = /\s/u.test(char);
    // A run of white space folds to one space, spanning the whole run.
    const piece = isSpace ? (inSpace ? '' : ' ') : foldChar(char);
    // What folds to nothing (a second space, a combining accent) belongs to what came before.
    if (piece === '' && to.length > 0) to[to.length - 1] = end;
    for (let i = 0; i < piece.length; i++) {
      from.push(at);
      to.push(end);
    }
    folded += piece;
    inSpace = isSpace;
    at = end;
  }
  return { text: folded, from, to };
}

/** The query as matched: folded like the text, spaces at its ends dropped. */
export function foldQuery(query: string): string {
  return fold(query.trim()).text;
}

/**
 * Every place the query occurs in the text, in order and not overlapping, ignoring case,
 * accents and the width of white space. An empty (or all-space) query finds nothing.
 */
export function findMatches(text: string, query: string): TextRange[] {
  const needle = foldQuery(query);
  if (needle.length === 0) return [];
  const hay = fold(text);
  const ranges: TextRange[] = [];
  let at = hay.text.indexOf(needle);
  while (at !== -1) {
    const start = hay.from[at];
    const end = hay.to[at + needle.length - 1];
    if (start === undefined || end === undefined) break;
    // A folded letter that spans two of the original's would overlap the last range.
    const previous = ranges.at(-1);
    if (!previous || start >= previous.end) ranges.push({ start, end });
    at = hay.text.indexOf(needle, at + needle.length);
  }
  return ranges;
}

/** Whether the query occurs in the text (the same rule as `findMatches`). */
export function textMatches(text: string, query: string): boolean {
  return findMatches(text, query).length > 0;
}

/**
 * Each word of the query where a word of the text starts with it (as a search index finds
 * them), ranges merged: for marking a search result's snippet.
 */
export function findWordStarts(text: string, query: string): TextRange[] {
  const words = query.split(/\s+/u).filter((w) => foldQuery(w).length > 0);
  const ranges = words
    .flatMap((word) => findMatches(text, word))
    .filter((r) => r.start === 0 || !/[\p{L}\p{N}]/u.test(text.slice(r.start - 1, r.start)))
    .sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The text cut into plain and marked parts by (sorted, disjoint) ranges. */
export function markRanges(text: string, ranges: readonly TextRange[]): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * A short extract around the first range (about `width` characters either side, cut at a
 * space, with "…" where text was left out), marked. No range: the start of the text.
 */
export function snippetAround(
  text: string,
  ranges: readonly TextRange[],
  width = 60,
): MarkedPart[] {
  const first = ranges[0];
  let from = first ? Math.max(0, first.start - width) : 0;
  let to = first ? Math.min(text.length, first.end + width) : Math.min(text.length, width * 2);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space !== -1 && first && space < first.start ? space + 1 : from;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space !== -1 && space > (first?.end ?? 0) ? space : to;
  }
  // Never cut inside a surrogate pair.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to += 1;
  const inside = ranges
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => ({ start: r.start - from, end: r.end - from }));
  const parts = markRanges(text.slice(from, to), inside);
  if (from > 0) parts.unshift({ text: '…', marked: false });
  if (to < text.length) parts.push({ text: '…', marked: false });
  return parts;
}
