import { describe, expect, it } from 'vitest';
import {
  SPLIT_LIMITS,
  clampSize,
  rememberSize,
  rememberedSize,
  sizeAfterKey,
  sizeAtPointer,
  type PreferenceStorage,
} from '../../renderer/src/ui/split-size';

/**
 * The list/detail divider (renderer/src/ui/SplitView.tsx): what each key and a pointer ask of
 * it, within its limits, and what is remembered per view. The component itself is driven by
 * keyboard and pointer in Chromium (test/e2e/layout.spec.ts).
 */
const memory = (): PreferenceStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
  };
};

describe('the separator’s keys', () => {
  it.each([
    ['ArrowLeft', false, 40, 38],
    ['ArrowUp', false, 40, 38],
    ['ArrowRight', false, 40, 42],
    ['ArrowDown', false, 40, 42],
    ['ArrowRight', true, 40, 50],
    ['ArrowLeft', true, 40, 30],
    ['PageUp', false, 40, 30],
    ['PageDown', false, 40, 50],
    ['Home', false, 40, SPLIT_LIMITS.min],
    ['End', false, 40, SPLIT_LIMITS.max],
  ])('%s (shift %s) from %d → %d', (key, shift, from, to) => {
    expect(sizeAfterKey(key, shift, from)).toBe(to);
  });
  it('stops at the limits', () => {
    expect(sizeAfterKey('ArrowLeft', true, SPLIT_LIMITS.min + 3)).toBe(SPLIT_LIMITS.min);
    expect(sizeAfterKey('ArrowRight', false, SPLIT_LIMITS.max)).toBe(SPLIT_LIMITS.max);
  });
  it('leaves other keys alone (Tab moves on, Enter is not the separator’s)', () => {
    expect(sizeAfterKey('Tab', false, 40)).toBeNull();
    expect(sizeAfterKey('Enter', false, 40)).toBeNull();
    expect(sizeAfterKey('a', false, 40)).toBeNull();
  });
});

describe('the pointer', () => {
  it('sets the list’s share of the workspace where the pointer is, within the limits', () => {
    expect(sizeAtPointer(500, 100, 1000)).toBe(40);
    expect(sizeAtPointer(120, 100, 1000)).toBe(SPLIT_LIMITS.min);
    expect(sizeAtPointer(1090, 100, 1000)).toBe(SPLIT_LIMITS.max);
    expect(sizeAtPointer(500, 100, 0)).toBe(SPLIT_LIMITS.min);
  });
  it('rounds to whole per cent, and a nonsense size falls to the minimum', () => {
    expect(clampSize(33.6)).toBe(34);
    expect(clampSize(Number.NaN)).toBe(SPLIT_LIMITS.min);
  });
});

describe('remembered per view', () => {
  it('reads back what was stored for that view only', () => {
    const storage = memory();
    rememberSize(storage, 'caseload', 52);
    expect(storage.items.get('clinician.split.caseload')).toBe('52');
    expect(rememberedSize(storage, 'caseload', 40)).toBe(52);
    expect(rememberedSize(storage, 'messages', 35)).toBe(35);
  });
  it('falls back to the default on nothing, damage or a refusing storage, and clamps the rest', () => {
    const storage = memory();
    expect(rememberedSize(storage, 'caseload', 40)).toBe(40);
    storage.items.set('clinician.split.caseload', 'wide');
    expect(rememberedSize(storage, 'caseload', 40)).toBe(40);
    storage.items.set('clinician.split.caseload', '95');
    expect(rememberedSize(storage, 'caseload', 40)).toBe(SPLIT_LIMITS.max);
    const refusing: PreferenceStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(rememberedSize(refusing, 'caseload', 40)).toBe(40);
    expect(() => rememberSize(refusing, 'caseload', 50)).not.toThrow();
    expect(rememberedSize(undefined, 'caseload', 40)).toBe(40);
  });
});
