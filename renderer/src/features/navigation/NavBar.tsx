import { viewShortcut } from '../palette/commands';
import { ariaShortcut, shortcutText, withShortcut } from '../palette/shortcuts';
import { usePlatform } from '../palette/use-platform';
import { usePalette } from '../palette/palette-store';
import { NAV_ITEMS, navLabel } from './nav-items';
import type { Route } from './nav-store';
import { useNav } from './nav-store';

/** Which navigation item a route belongs to (a patient page sits under the caseload). */
function section(route: Route): Route['view'] {
  if (route.view === 'patient' || route.view === 'note') return 'caseload';
  return route.view;
}

export function NavBar({ supervisor }: { supervisor: boolean }) {
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const openPalette = usePalette((s) => s.show);
  const mac = usePlatform();
  const current = section(route);
  return (
    <nav className="nav" aria-label="Workspace">
      <ul>
        {NAV_ITEMS.filter((item) => supervisor || !item.supervisorOnly).map((item) => {
          const shortcut = viewShortcut(item.route.view);
          const label = navLabel(item, supervisor);
          return (
            <li key={item.route.view}>
              <button
                type="button"
                className="nav__item"
                aria-current={current === item.route.view ? 'page' : undefined}
                aria-keyshortcuts={shortcut ? ariaShortcut(shortcut, mac) : undefined}
                title={shortcut ? withShortcut(label, shortcut, mac) : undefined}
                onClick={() => go(item.route)}
              >
                {label}
              </button>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="nav__item nav__palette"
        aria-keyshortcuts={ariaShortcut('palette', mac)}
        onClick={openPalette}
      >
        Commands <kbd>{shortcutText('palette', mac)}</kbd>
      </button>
    </nav>
  );
}
