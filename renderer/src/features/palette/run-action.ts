import { useCrisis } from '../crisis/crisis-store';
import { useNav } from '../navigation/nav-store';
import { useSession } from '../session/session-store';
import { useSync } from '../sync/sync-store';
import type { PaletteAction } from './commands';

/** The search field of the view on screen, if it has one. */
function viewSearchField(): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    '#main input[type="search"], #main [role="searchbox"]',
  );
}

/**
 * Does what a command or shortcut names. Returns false when there was nothing to do (a view
 * without a search field), so the caller can say so or fall back.
 */
export function runAction(action: PaletteAction): boolean {
  switch (action.kind) {
    case 'go': {
      const { route } = useNav.getState();
      const to = action.route;
      // Already on this record: put the person in the control now (the record's own focus
      // effect runs only when it opens, so a second "reply" would otherwise do nothing).
      if (to.view === 'patient' && to.focus && route.view === 'patient') {
        const target = route.patientId === to.patientId ? document.getElementById(to.focus) : null;
        if (target) {
          target.scrollIntoView({ block: 'center' });
          target.focus();
          return true;
        }
      }
      useNav.getState().go(to);
      return true;
    }
    case 'sync-now':
      useSync.getState().syncNow();
      return true;
    case 'lock':
      useSession.getState().lock();
      return true;
    case 'crisis':
      useCrisis.getState().show();
      return true;
    case 'search': {
      const field = viewSearchField();
      if (!field) return false;
      field.focus();
      return true;
    }
  }
}
