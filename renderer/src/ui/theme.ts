import { create } from 'zustand';

/** Light, dark, or whatever this computer's system uses (the default). */
export type ThemeChoice = 'light' | 'dark' | 'system';

const KEY = 'clinician.theme';
const CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

/**
 * The person's choice, kept in the renderer's own storage: it is not patient data, and the
 * sign-in and lock screens need it before the encrypted store opens.
 */
function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return CHOICES.find((c) => c === value) ?? 'system';
  } catch {
    return 'system';
  }
}

/** theme.css reads `data-theme` on the root: the same tokens, another palette. */
function apply(choice: ThemeChoice): void {
  document.documentElement.dataset['theme'] = choice;
}

export const useTheme = create<{ choice: ThemeChoice; choose(choice: ThemeChoice): void }>(
  (set) => ({
    choice: 'system',
    choose: (choice) => {
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // Storage refused (a locked-down profile): the choice holds until the app closes.
      }
      apply(choice);
      set({ choice });
    },
  }),
);

/** At start, before the first paint: the stored choice applied. */
export function applyStoredTheme(): void {
  const choice = storedTheme();
  apply(choice);
  useTheme.setState({ choice });
}
