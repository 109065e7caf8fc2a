import { describe, expect, it } from 'vitest';
import {
  findMatches,
  findWordStarts,
  markRanges,
  snippetAround,
  textMatches,
} from '../../../shared/text/text-match';

/** The matched pieces of the original text, as a reader would see them marked. */
const found = (text: string, query: string): string[] =>
  findMatches(text, query).map((r) => text.slice(r.start, r.end));

describe('findMatches: what a person typed, found in what was said', () => {
  it.each([
    // [text, query, the pieces of the text found]
    ['I went to the café on Monday', 'cafe', ['café']],
    ['I went to the cafe on Monday', 'café', ['cafe']],
    ['Zoë said ZOE and zoe', 'zoe', ['Zoë', 'ZOE', 'zoe']],
    ['Sleep. sleep! SLEEP?', 'SLEEP', ['Sleep', 'sleep', 'SLEEP']],
    ['Crème brûlée', 'creme brulee', ['Crème brûlée']],
    ['the  panic\n\tattack', 'panic attack', ['panic\n\tattack']],
    ['panic attack', '  panic   attack  ', ['panic attack']],
    ['aaaa', 'aa', ['aa', 'aa']], // not overlapping
    ['İstanbul', 'istanbul', ['İstanbul']],
    ['a ﬁne day', 'fine', ['ﬁne']], // a ligature is its letters
    ['mood 😀 low', 'low', ['low']], // offsets stay right after an astral character
    ['😀café', 'cafe', ['café']],
    ['Cafe\u0301 (decomposed)', 'café', ['Cafe\u0301']],
    ['nothing here', 'worry', []],
    ['anything', '', []],
    ['anything', '   ', []],
    ['', 'a', []],
    ['<b>bold</b> & "quoted"', '<b>', ['<b>']], // text, never markup
  ])('%j, %j → %j', (text, query, pieces) => {
    expect(found(text, query)).toEqual(pieces);
    expect(textMatches(text, query)).toBe(pieces.length > 0);
  });

  it('gives offsets in the original text', () => {
    expect(findMatches('Café café', 'CAFE')).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
  });
});

describe('findWordStarts: a search result marked as the index found it', () => {
  it.each([
    ['She avoided the supermarket all week', 'superm week', ['superm', 'week']],
    ['weekend and week', 'week', ['week', 'week']],
    ['a homework', 'work', []], // not the start of a word
    ['Café culture', 'cafe cult', ['Café', 'cult']],
    ['panic panicky', 'panic pan', ['panic', 'panic']], // overlapping words merged
  ])('%j, %j → %j', (text, query, pieces) => {
    expect(findWordStarts(text, query).map((r) => text.slice(r.start, r.end))).toEqual(pieces);
  });
});

describe('markRanges and snippetAround', () => {
  it('cuts a text into plain and marked parts that join back to the text', () => {
    const text = 'Zoë met Zoe';
    const parts = markRanges(text, findMatches(text, 'zoe'));
    expect(parts).toEqual([
      { text: 'Zoë', marked: true },
      { text: ' met ', marked: false },
      { text: 'Zoe', marked: true },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('keeps a short text whole', () => {
    const text = 'I felt anxious on the bus';
    expect(snippetAround(text, findWordStarts(text, 'anxious'))).toEqual([
      { text: 'I felt ', marked: false },
      { text: 'anxious', marked: true },
      { text: ' on the bus', marked: false },
    ]);
  });

  it('cuts a long text around the first match at spaces, saying where text was left out', () => {
    const before = 'word '.repeat(40);
    const after = ' more'.repeat(40);
    const text = `${before}breathing${after}`;
    const parts = snippetAround(text, findWordStarts(text, 'breathing'), 20);
    expect(parts[0]).toEqual({ text: '…', marked: false });
    expect(parts.at(-1)).toEqual({ text: '…', marked: false });
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['breathing']);
    const inner = parts.slice(1, -1).map((p) => p.text);
    expect(inner.join('').startsWith('word')).toBe(true);
    expect(inner.join('').endsWith('more')).toBe(true);
    expect(inner.join('').length).toBeLessThan(60);
  });

  it('never splits a surrogate pair at a cut', () => {
    const text = `${'😀'.repeat(50)}sleep${'😀'.repeat(50)}`;
    const joined = snippetAround(text, findMatches(text, 'sleep'), 7)
      .map((p) => p.text)
      .join('');
    // With the u flag a class of surrogates matches only a lone one.
    expect(joined).not.toMatch(/[\uD800-\uDFFF]/u);
    expect(joined).toContain('sleep');
  });
});
