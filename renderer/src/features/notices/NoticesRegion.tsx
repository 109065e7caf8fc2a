import { useEffect } from 'react';
import { useNotices } from './notices-store';

/**
 * What the core says the person should know now (`app.notice`), on every workspace screen:
 * a polite live region (read out without taking focus), each notice with its own labelled
 * Dismiss button in the tab order. The region is always in the page, so a screen reader
 * hears what is added to it.
 */
export function NoticesRegion() {
  const notices = useNotices((s) => s.notices);
  const follow = useNotices((s) => s.follow);
  const dismiss = useNotices((s) => s.dismiss);
  useEffect(() => follow(), [follow]);
  return (
    <section aria-label="Notices" className="app-notices">
      <ul aria-live="polite" aria-relevant="additions" className="notice-list">
        {notices.map((n) => (
          <li
            key={n.id}
            className={
              n.level === 'error'
                ? 'notice notice--danger app-notice'
                : n.level === 'warning'
                  ? 'notice notice--warn app-notice'
                  : 'notice app-notice'
            }
          >
            <span>{n.message}</span>
            <button
              type="button"
              className="button--quiet button--small"
              aria-label={`Dismiss: ${n.message}`}
              onClick={() => dismiss(n.id)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
