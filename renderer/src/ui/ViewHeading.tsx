import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/**
 * Whether the view around is the list beside an open item (a list/detail split with the
 * detail showing). Then the item is the view: its heading is the page's (`view-heading`,
 * focused when it opens), and the list's heading is its own (`list-heading`), left unfocused.
 */
export const BesideDetail = createContext(false);

/** The id of the current view's heading, for the section it names (`aria-labelledby`). */
export function useViewHeadingId(): string {
  return useContext(BesideDetail) ? 'list-heading' : 'view-heading';
}

/**
 * The heading of the current view. It takes focus when the view opens (or when a list becomes
 * the view again because its item closed), so keyboard and screen-reader users land at the
 * start of what they asked for.
 */
export function ViewHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const id = useViewHeadingId();
  const primary = id === 'view-heading';
  useEffect(() => {
    if (primary) ref.current?.focus();
  }, [primary]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="view__heading">
      {children}
    </h2>
  );
}
