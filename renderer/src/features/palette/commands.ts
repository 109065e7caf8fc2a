import type { Route } from '../navigation/nav-store';
import { NAV_ITEMS, navLabel } from '../navigation/nav-items';
import { findWordStarts, foldQuery, textMatches } from '../../../../shared/text/text-match';
import type { ShortcutId } from './shortcuts';

/** What running a command does; the palette's host turns these into store calls. */
export type PaletteAction =
  | { kind: 'go'; route: Route }
  | { kind: 'sync-now' }
  | { kind: 'lock' }
  | { kind: 'crisis' }
  | { kind: 'search' };

export interface PaletteCommand {
  /** Unique and stable: cmdk's value, and the test's handle. */
  id: string;
  group: 'Patients' | 'Go to' | 'This patient' | 'Actions';
  label: string;
  /** More words that find it (a case reference, a view's other name). */
  keywords: string[];
  shortcut?: ShortcutId | undefined;
  /** Keys outside the shortcut table (the crisis panel's F2). */
  keysText?: string | undefined;
  action: PaletteAction;
}

export interface PalettePatient {
  patientId: string;
  name: string;
  caseReference: string;
}

const VIEW_SHORTCUTS: Partial<Record<Route['view'], ShortcutId>> = {
  today: 'goToday',
  caseload: 'goCaseload',
  messages: 'goMessages',
  transcripts: 'goTranscripts',
  tickets: 'goTickets',
  hours: 'goHours',
  settings: 'goSettings',
};

/** The shortcut that goes to a view, if it has one. */
export function viewShortcut(view: Route['view']): ShortcutId | undefined {
  return VIEW_SHORTCUTS[view];
}

/**
 * Everything the palette offers, in the order it lists them with nothing typed: the current
 * patient's moves first (when a patient is open), then views, actions, and every patient
 * by name and case reference. Destructive actions (sign out and wipe) are never offered
 * here: they live on their own screen and always ask.
 */
export function paletteCommands(input: {
  supervisor: boolean;
  route: Route;
  patients: readonly PalettePatient[];
}): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  const here = input.route.view === 'patient' ? input.route.patientId : null;
  const current = here ? input.patients.find((p) => p.patientId === here) : undefined;
  if (here && !input.supervisor) {
    const who = current?.name ?? 'this patient';
    commands.push(
      {
        id: 'patient:reply',
        group: 'This patient',
        label: `Reply to ${who}`,
        keywords: ['message', 'answer'],
        shortcut: 'reply',
        action: { kind: 'go', route: { view: 'patient', patientId: here, focus: `reply-${here}` } },
      },
      {
        id: 'patient:new-note',
        group: 'This patient',
        label: `Start a note for ${who}`,
        keywords: ['write', 'session note', 'letter'],
        shortcut: 'newNote',
        action: { kind: 'go', route: { view: 'patient', patientId: here, focus: 'new-note-kind' } },
      },
    );
  }
  for (const item of NAV_ITEMS) {
    if (item.supervisorOnly && !input.supervisor) continue;
    commands.push({
      id: `view:${item.route.view}`,
      group: 'Go to',
      label: navLabel(item, input.supervisor),
      keywords: [item.route.view],
      shortcut: viewShortcut(item.route.view),
      action: { kind: 'go', route: item.route },
    });
  }
  commands.push(
    {
      id: 'action:search',
      group: 'Actions',
      label: 'Search in this view',
      keywords: ['find', 'filter'],
      shortcut: 'search',
      action: { kind: 'search' },
    },
    {
      id: 'action:sync-now',
      group: 'Actions',
      label: 'Sync now',
      keywords: ['send', 'receive', 'refresh'],
      shortcut: 'syncNow',
      action: { kind: 'sync-now' },
    },
    {
      id: 'action:lock',
      group: 'Actions',
      label: 'Lock now',
      keywords: ['away', 'passcode'],
      shortcut: 'lock',
      action: { kind: 'lock' },
    },
    {
      id: 'action:crisis',
      group: 'Actions',
      label: 'Crisis numbers',
      keywords: ['emergency', '999', 'on-call', 'risk'],
      keysText: 'F2',
      action: { kind: 'crisis' },
    },
  );
  for (const p of input.patients) {
    commands.push({
      id: `patient:${p.patientId}`,
      group: 'Patients',
      label: p.name,
      keywords: [p.caseReference],
      action: { kind: 'go', route: { view: 'patient', patientId: p.patientId } },
    });
  }
  return commands;
}

/**
 * The patient `step` places from the open one, in the caseload's order (the order the
 * caseload lists them by default), stopping at the ends; from anywhere else, the first or
 * the last. Null when the caseload is empty or there is nowhere further to go.
 */
export function neighbourPatient(
  order: readonly string[],
  current: string | null,
  step: 1 | -1,
): string | null {
  if (order.length === 0) return null;
  const at = current === null ? -1 : order.indexOf(current);
  if (at === -1) return step === 1 ? (order[0] ?? null) : (order.at(-1) ?? null);
  return order[at + step] ?? null;
}

/**
 * How well a command matches what was typed, for the palette's order: 0 hides it. Every word
 * typed must appear in the command's words (case and accents ignored, any order; the shared
 * transcript matcher's rule), as the caseload's search does — no fuzzy subsequences, so
 * "Harriet" never finds "Hours". Then a label that starts with what was typed ranks first, a
 * word that starts with each typed word next.
 */
export function commandMatch(words: readonly string[], typed: string): number {
  const wanted = typed.split(/\s+/u).filter((w) => foldQuery(w).length > 0);
  if (wanted.length === 0) return 1;
  const haystack = words.join(' ');
  if (!wanted.every((w) => textMatches(haystack, w))) return 0;
  if (foldQuery(words[0] ?? '').startsWith(foldQuery(typed))) return 1;
  if (wanted.every((w) => findWordStarts(haystack, w).length > 0)) return 0.7;
  return 0.4;
}
