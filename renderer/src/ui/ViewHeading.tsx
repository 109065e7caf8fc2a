import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of the current view. It takes focus when the view opens, so keyboard and
 * screen-reader users land at the start of what they asked for.
 */
export function ViewHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 id="view-heading" ref={ref} tabIndex={-1} className="view__heading">
      {children}
    </h2>
  );
}
