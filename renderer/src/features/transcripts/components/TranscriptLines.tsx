import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { SyncStateTag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { type FindHit, rangesOfLine } from '../find/transcript-find';
import type { Utterance } from '../hooks/use-transcript';
import { linesWithCommentDrafts, subscribeCommentDrafts } from '../comment-drafts';
import { CommentBox } from './CommentBox';
import { MarkedText } from './MarkedText';

/**
 * A first guess at a line's height; each drawn line is measured (text wraps, comments add).
 * Nearer a wrapped line than a one-liner, so fewer lines move once measured: a line moved to
 * (End, a find) is placed by the guesses of the lines not yet drawn, then placed again as the
 * lines around it are measured.
 */
const LINE_ESTIMATE = 96;
/** For this long a line moved to is placed again whenever the lines around it are measured. */
const SETTLE_MS = 1_000;
const GAP = 6;

/** Bring a line into view (a find hit, a search result); `focus` also puts the keyboard there. */
export interface LineRequest {
  line: number;
  focus: boolean;
  /** A new object per request, so asking for the same line twice scrolls twice. */
  nonce: number;
}

/**
 * A session's lines, virtualised with TanStack Virtual: only the lines near the view are in
 * the DOM (each measured, so long lines and comments take their own height), as an ordered
 * list whose items carry aria-setsize/aria-posinset, so a screen reader says "line 812 of
 * 2,000". One tab stop (roving tabindex): ↑/↓ line by line, Page Up/Down by ten, Home/End to
 * the ends; a supervisor's C (or Enter) opens the feedback box. The line with the keyboard and
 * the one being commented on stay drawn when scrolled away, so neither focus nor typing is lost.
 */
export function TranscriptLines({
  transcriptId,
  lines,
  setSize,
  supervisor,
  hits,
  byLine,
  currentHit,
  targetLine,
  request,
}: {
  transcriptId: string;
  lines: readonly Utterance[];
  /** The list's length as read aloud (the whole session, or the lines shown by a filter). */
  setSize: number;
  supervisor: boolean;
  hits: readonly FindHit[];
  byLine: ReadonlyMap<number, number[]>;
  currentHit: number;
  /** The line a search result opened the session at. */
  targetLine: number | null;
  request: LineRequest | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [commenting, setCommenting] = useState<string | null>(null);
  // Which lines hold feedback typed and not added (a new set only when that changes).
  const draftsVersion = useSyncExternalStore(subscribeCommentDrafts, () =>
    [...linesWithCommentDrafts(transcriptId)].join(),
  );
  const unsentOn = new Set(draftsVersion ? draftsVersion.split(',') : []);
  const activeIndex = Math.min(active, Math.max(0, lines.length - 1));
  const commentingIndex = commenting === null ? -1 : lines.findIndex((u) => u.id === commenting);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = new Set(defaultRangeExtractor(range));
      for (const keep of [activeIndex, commentingIndex])
        if (keep >= 0 && keep < range.count) drawn.add(keep);
      return [...drawn].sort((a, b) => a - b);
    },
    [activeIndex, commentingIndex],
  );
  const virtual = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_ESTIMATE,
    getItemKey: (index) => lines[index]?.id ?? index,
    overscan: 4,
    gap: GAP,
    rangeExtractor,
  });

  /**
   * The line is drawn at once (the range keeps the active line), so the box is scrolled to
   * where the virtualiser placed it, then the page shows it: no smooth-scroll state to race.
   * Lines not yet drawn are placed by a guess at their height, so once the lines around the
   * target are drawn and measured the target may move (End: every line above it taller than
   * the guess pushes it down): it is placed again after each render until its place holds.
   */
  const pending = useRef<{
    index: number;
    focus: boolean;
    placed: { start: number; size: number } | null;
    until: number;
  } | null>(null);
  const moveTo = (index: number, focus: boolean) => {
    const next = Math.max(0, Math.min(lines.length - 1, index));
    setActive(next);
    pending.current = { index: next, focus, placed: null, until: 0 };
  };
  useEffect(() => {
    if (request) moveTo(request.line, request.focus);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when asked
  }, [request]);
  useEffect(() => {
    const want = pending.current;
    const box = scroller.current;
    if (!want || !box) return;
    const row = box.querySelector<HTMLElement>(`[data-index="${want.index}"]`);
    const place = virtual.measurementsCache[want.index];
    if (!row || !place) return;
    const { start, size } = place;
    const first = want.placed === null;
    if (!first && performance.now() > want.until) {
      pending.current = null;
      return;
    }
    if (want.placed?.start === start && want.placed.size === size) return;
    if (first) want.until = performance.now() + SETTLE_MS;
    want.placed = { start, size };
    const view = box.clientHeight;
    if (!want.focus)
      box.scrollTop = start - Math.max(0, (view - size) / 2); // a find: centred
    else if (start < box.scrollTop) box.scrollTop = start;
    else if (start + size > box.scrollTop + view) box.scrollTop = start + size - view;
    if (!first) return;
    row.scrollIntoView({ block: 'nearest' }); // the box's part of the page, on screen
    if (want.focus) row.focus({ preventScroll: true });
  });

  const onKey = (event: KeyboardEvent<HTMLLIElement>, index: number, u: Utterance): void => {
    if (event.target !== event.currentTarget) return; // typing in the comment box
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 10,
      PageUp: index - 10,
      Home: 0,
      End: lines.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moveTo(to, true);
    } else if (supervisor && (event.key === 'c' || event.key === 'C' || event.key === 'Enter')) {
      event.preventDefault();
      setCommenting(u.id);
    }
  };

  const drawn = virtual.getVirtualItems();
  const tabStop = drawn.some((i) => i.index === activeIndex) ? activeIndex : drawn[0]?.index;
  return (
    <div ref={scroller} className="transcript-scroll">
      <ol
        className="transcript transcript--virtual"
        aria-label="Utterances in order"
        aria-describedby="transcript-keys"
        style={{ height: virtual.getTotalSize() }}
      >
        {drawn.map((item) => {
          const u = lines[item.index];
          if (!u) return null;
          const own = byLine.get(item.index);
          const marks = own ? rangesOfLine(hits, own, currentHit) : null;
          const target = item.index === targetLine;
          return (
            <li
              key={u.id}
              ref={virtual.measureElement}
              data-index={item.index}
              data-utterance={u.id}
              aria-setsize={setSize}
              aria-posinset={item.index + 1}
              aria-current={target ? 'true' : undefined}
              tabIndex={item.index === tabStop ? 0 : -1}
              className={`utterance utterance--${u.speaker}${target ? ' utterance--target' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={(e) => {
                if (e.target === e.currentTarget) setActive(item.index);
              }}
              onKeyDown={(e) => onKey(e, item.index, u)}
            >
              <p className="utterance__meta">
                <strong>{u.speaker === 'therapist' ? 'Therapist' : 'Patient'}</strong> ·{' '}
                <Time iso={u.sentAt} format="clock" />
                {target ? <span className="utterance__found"> · the line found</span> : null}
                {supervisor ? (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link-button small"
                      tabIndex={-1}
                      onClick={() => setCommenting(commenting === u.id ? null : u.id)}
                      aria-expanded={commenting === u.id}
                    >
                      Feedback
                    </button>
                    {unsentOn.has(u.id) && commenting !== u.id ? (
                      <span className="utterance__draft"> · your feedback, not added yet</span>
                    ) : null}
                  </>
                ) : null}
              </p>
              <p className="utterance__text">
                <MarkedText
                  text={u.text}
                  ranges={marks?.ranges ?? []}
                  currentRange={marks?.currentRange ?? -1}
                />
              </p>
              {u.comments.map((c) => (
                <p key={c.id} className="utterance__comment">
                  Supervisor: {c.body}{' '}
                  <SyncStateTag syncState={c.syncState} rejectedReason={c.rejectedReason} />
                </p>
              ))}
              {commenting === u.id ? (
                <CommentBox
                  transcriptId={transcriptId}
                  utteranceId={u.id}
                  onDone={() => {
                    setCommenting(null);
                    moveTo(item.index, true);
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
