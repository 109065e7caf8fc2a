import {
  useCallback,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { BesideDetail } from './ViewHeading';
import {
  SPLIT_LIMITS,
  rememberSize,
  rememberedSize,
  sizeAfterKey,
  sizeAtPointer,
} from './split-size';

const storage = (): Storage | undefined => {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
};

/**
 * A list beside the item opened from it (caseload | patient, queue | thread, sessions |
 * transcript), with a divider moved by keyboard (a focusable separator: arrows, Page Up/Down,
 * Home/End) or pointer. The list's share is remembered per view on this computer, as the
 * theme is. With no item open the list has the whole width; on a narrow window (see
 * workspace.css) only one of the two shows: the item when one is open, otherwise the list.
 */
export function SplitView({
  view,
  listLabel,
  list,
  detail,
  defaultSize = 40,
}: {
  /** Which view's size to remember ("caseload", "messages", "transcripts"). */
  view: string;
  /** What the list is, for the separator's name ("Caseload"): "Resize Caseload and the item". */
  listLabel: string;
  list: ReactNode;
  /** The open item, or null when none is open. */
  detail: ReactNode | null;
  defaultSize?: number;
}) {
  const [size, setSize] = useState(() => rememberedSize(storage(), view, defaultSize));
  const container = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const change = useCallback(
    (next: number) => {
      setSize(next);
      rememberSize(storage(), view, next);
    },
    [view],
  );
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = sizeAfterKey(e.key, e.shiftKey, size);
    if (next === null) return;
    e.preventDefault();
    change(next);
  };
  const fromPointer = (e: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (box) change(sizeAtPointer(e.clientX, box.left, box.width));
  };
  const open = detail !== null;
  return (
    <div
      ref={container}
      className={`split${open ? ' split--open' : ''}`}
      // The list keeps room for names (16rem), the item for a record (20rem).
      style={
        open
          ? { gridTemplateColumns: `minmax(16rem, ${size}%) auto minmax(20rem, 1fr)` }
          : undefined
      }
    >
      <div className="split__list">
        <BesideDetail.Provider value={open}>{list}</BesideDetail.Provider>
      </div>
      {open ? (
        <>
          <div
            className="split__separator"
            role="separator"
            tabIndex={0}
            aria-orientation="vertical"
            aria-label={`Resize ${listLabel} and the open item`}
            aria-valuenow={size}
            aria-valuemin={SPLIT_LIMITS.min}
            aria-valuemax={SPLIT_LIMITS.max}
            aria-valuetext={`${listLabel} takes ${size} per cent of the width`}
            title="Drag, or use the arrow keys, to resize"
            onKeyDown={onKeyDown}
            onPointerDown={(e) => {
              dragging.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              e.preventDefault();
            }}
            onPointerMove={(e) => {
              if (dragging.current) fromPointer(e);
            }}
            onPointerUp={(e) => {
              dragging.current = false;
              e.currentTarget.releasePointerCapture(e.pointerId);
            }}
            onPointerCancel={() => {
              dragging.current = false;
            }}
            onDoubleClick={() => change(defaultSize)}
          />
          <div className="split__detail">{detail}</div>
        </>
      ) : null}
    </div>
  );
}
