/**
 * Every keyboard shortcut of the workspace, in one table: the keys (tinykeys syntax, `$mod`
 * is ⌘ on a Mac and Ctrl elsewhere), the same keys for `aria-keyshortcuts`, and what they
 * do. The palette, tooltips and the key handler all read this table, so what the app says
 * a key does is what it does.
 */
export const SHORTCUTS = {
  palette: { keys: '$mod+k', does: 'Open the command palette', global: true },
  search: { keys: '/', does: 'Search in this view', global: false },
  syncNow: { keys: '$mod+Shift+s', does: 'Sync now', global: true },
  lock: { keys: '$mod+Shift+l', does: 'Lock now', global: true },
  nextPatient: { keys: 'j', does: 'Next patient in the caseload', global: false },
  previousPatient: { keys: 'k', does: 'Previous patient in the caseload', global: false },
  reply: { keys: 'r', does: 'Reply to this patient', global: false },
  newNote: { keys: 'n', does: 'Start a note for this patient', global: false },
  goToday: { keys: 'g t', does: 'Go to Today', global: false },
  goCaseload: { keys: 'g c', does: 'Go to the caseload', global: false },
  goMessages: { keys: 'g m', does: 'Go to messages', global: false },
  goTranscripts: { keys: 'g r', does: 'Go to transcripts', global: false },
  goTickets: { keys: 'g k', does: 'Go to tickets', global: false },
  goHours: { keys: 'g h', does: 'Go to hours', global: false },
  goSettings: { keys: 'g s', does: 'Go to settings', global: false },
} as const satisfies Record<string, { keys: string; does: string; global: boolean }>;

export type ShortcutId = keyof typeof SHORTCUTS;

/** Whether this computer's modifier is ⌘ (a Mac) rather than Ctrl. */
export function isMac(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** One key as a person reads it: `$mod+Shift+s` → "Ctrl Shift S" (or "⌘ ⇧ S" on a Mac). */
function keyText(key: string, mac: boolean): string {
  if (key === '$mod') return mac ? '⌘' : 'Ctrl';
  if (key === 'Shift') return mac ? '⇧' : 'Shift';
  if (key === 'Alt') return mac ? '⌥' : 'Alt';
  return key.length === 1 ? key.toUpperCase() : key;
}

/** The keys as shown in the palette and tooltips: "Ctrl K", "G then T", "/". */
export function shortcutText(id: ShortcutId, mac: boolean): string {
  return SHORTCUTS[id].keys
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((k) => keyText(k, mac))
        .join(' '),
    )
    .join(' then ');
}

/** The keys for `aria-keyshortcuts` (WAI-ARIA names: Control, Meta, Shift; sequences spaced). */
export function ariaShortcut(id: ShortcutId, mac: boolean): string {
  return SHORTCUTS[id].keys
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((k) =>
          k === '$mod' ? (mac ? 'Meta' : 'Control') : k.length === 1 ? k.toUpperCase() : k,
        )
        .join('+'),
    )
    .join(' ');
}

/** A tooltip naming what a control does and its key: "Sync now (Ctrl Shift S)". */
export function withShortcut(label: string, id: ShortcutId, mac: boolean): string {
  return `${label} (${shortcutText(id, mac)})`;
}
