/**
 * The list/detail split's arithmetic and memory, apart from React so it can be tested on its
 * own. A size is the list pane's share of the workspace width, in whole per cent: it reads the
 * same on a laptop and on a wide screen, and it is what the separator announces.
 */
export interface SplitLimits {
  readonly min: number;
  readonly max: number;
}

/** The list keeps room for names and dates; the detail for a record (20–70 per cent). */
export const SPLIT_LIMITS: SplitLimits = { min: 20, max: 70 };
/** One arrow press moves the divider 2 per cent; with Shift (or Page Up/Down) 10. */
export const SPLIT_STEP = 2;
export const SPLIT_BIG_STEP = 10;

export function clampSize(size: number, limits: SplitLimits = SPLIT_LIMITS): number {
  if (!Number.isFinite(size)) return limits.min;
  return Math.min(limits.max, Math.max(limits.min, Math.round(size)));
}

/**
 * The size a key on the separator asks for, or null when the key is not the separator's
 * (left/right and up/down move it, Page Up/Down and Shift move it further, Home and End go to
 * the limits).
 */
export function sizeAfterKey(
  key: string,
  shift: boolean,
  size: number,
  limits: SplitLimits = SPLIT_LIMITS,
): number | null {
  const step = shift ? SPLIT_BIG_STEP : SPLIT_STEP;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowUp':
      return clampSize(size - step, limits);
    case 'ArrowRight':
    case 'ArrowDown':
      return clampSize(size + step, limits);
    case 'PageUp':
      return clampSize(size - SPLIT_BIG_STEP, limits);
    case 'PageDown':
      return clampSize(size + SPLIT_BIG_STEP, limits);
    case 'Home':
      return limits.min;
    case 'End':
      return limits.max;
    default:
      return null;
  }
}

/** The size a pointer at `x` asks for, in a workspace from `left` spanning `width` pixels. */
export function sizeAtPointer(
  x: number,
  left: number,
  width: number,
  limits: SplitLimits = SPLIT_LIMITS,
): number {
  if (width <= 0) return limits.min;
  return clampSize(((x - left) / width) * 100, limits);
}

/** Where the renderer keeps what it remembers for the person (the theme uses the same). */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const key = (view: string) => `clinician.split.${view}`;

/** The size remembered for a view, or its default when none (or a damaged one) is stored. */
export function rememberedSize(
  storage: PreferenceStorage | undefined,
  view: string,
  fallback: number,
  limits: SplitLimits = SPLIT_LIMITS,
): number {
  try {
    const stored = storage?.getItem(key(view));
    if (stored === null || stored === undefined || !/^\d{1,3}$/.test(stored)) return fallback;
    return clampSize(Number(stored), limits);
  } catch {
    return fallback;
  }
}

export function rememberSize(
  storage: PreferenceStorage | undefined,
  view: string,
  size: number,
): void {
  try {
    storage?.setItem(key(view), String(Math.round(size)));
  } catch {
    // Storage refused (a locked-down profile): the size holds until the app closes.
  }
}
