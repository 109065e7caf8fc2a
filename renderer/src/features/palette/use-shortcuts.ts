import { useEffect } from 'react';
import { tinykeys } from 'tinykeys';
import { useCrisis } from '../crisis/crisis-store';
import { caseloadKey, useCaseloadStore } from '../caseload/store/caseload-store';
import { DEFAULT_SORT, compareEntries } from '../caseload/table/caseload-sort';
import { useNav } from '../navigation/nav-store';
import { viewShortcut, neighbourPatient, type PaletteAction } from './commands';
import { NAV_ITEMS } from '../navigation/nav-items';
import { usePalette } from './palette-store';
import { runAction } from './run-action';
import { SHORTCUTS, type ShortcutId } from './shortcuts';

/** Typing in a field, or a dialog in front: single-key shortcuts must not fire. */
function busy(event: KeyboardEvent): boolean {
  const target = event.target;
  if (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  ) {
    return true;
  }
  return document.querySelector('dialog[open]') !== null || useCrisis.getState().open;
}

/** The patients in the caseload's default (risk-first) order, read afresh from the core. */
async function caseloadOrder(): Promise<string[]> {
  const store = useCaseloadStore.getState();
  await store.reload({});
  const entries = useCaseloadStore.getState().byKey[caseloadKey({})]?.value?.entries ?? [];
  return [...entries].sort(compareEntries(DEFAULT_SORT)).map((e) => e.patientId);
}

async function openPatient(step: 1 | -1): Promise<void> {
  const order = await caseloadOrder();
  const route = useNav.getState().route;
  const here = route.view === 'patient' ? route.patientId : null;
  const next = neighbourPatient(order, here, step);
  if (next) useNav.getState().go({ view: 'patient', patientId: next });
}

function onPatient(focus: (patientId: string) => string): void {
  const route = useNav.getState().route;
  if (route.view !== 'patient') return;
  runAction({
    kind: 'go',
    route: { view: 'patient', patientId: route.patientId, focus: focus(route.patientId) },
  });
}

/**
 * The workspace's keyboard shortcuts (the table in shortcuts.ts), on the window while the
 * workspace is open. Modifier shortcuts work everywhere; single keys only when no field has
 * focus and no dialog is open, so they never eat what a clinician types.
 */
export function useShortcuts(supervisor: boolean): void {
  useEffect(() => {
    const act: Partial<Record<ShortcutId, () => void>> = {
      palette: () => usePalette.getState().toggle(),
      search: () => {
        if (!runAction({ kind: 'search' })) usePalette.getState().show();
      },
      syncNow: () => runAction({ kind: 'sync-now' }),
      lock: () => runAction({ kind: 'lock' }),
      nextPatient: () => void openPatient(1),
      previousPatient: () => void openPatient(-1),
    };
    if (!supervisor) {
      act.reply = () => {
        // In a thread beside the messages queue, the reply box is already on screen.
        const route = useNav.getState().route;
        if (route.view === 'messages' && route.patientId)
          document.getElementById(`reply-${route.patientId}`)?.focus();
        else onPatient((id) => `reply-${id}`);
      };
      act.newNote = () => onPatient(() => 'new-note-kind');
    }
    for (const item of NAV_ITEMS) {
      const id = viewShortcut(item.route.view);
      if (!id || (item.supervisorOnly && !supervisor)) continue;
      const action: PaletteAction = { kind: 'go', route: item.route };
      act[id] = () => runAction(action);
    }
    const bindings: Record<string, (event: KeyboardEvent) => void> = {};
    for (const [id, run] of Object.entries(act) as [ShortcutId, () => void][]) {
      const shortcut = SHORTCUTS[id];
      bindings[shortcut.keys] = (event) => {
        // A control that handled the key itself (the transcript's C to comment) keeps it.
        if (event.repeat || event.defaultPrevented) return;
        if (!shortcut.global && busy(event)) return;
        if (id !== 'palette' && usePalette.getState().open) return;
        event.preventDefault();
        run();
      };
    }
    const unbind = tinykeys(window, bindings);
    return () => {
      unbind();
      // Locking closes the workspace: the palette must not be open behind the next unlock.
      usePalette.getState().hide();
    };
  }, [supervisor]);
}
