import { afterEach, beforeEach } from 'vitest';

/**
 * Counts the Intl.DateTimeFormat objects built during each test of the calling file (a
 * formatter costs 1–3 ms to build: hot paths must keep theirs). Call at the top level of a
 * test file; read `count()` in a test, `reset()` to start counting afresh.
 */
export function countIntlFormatters(): { count(): number; reset(): void } {
  const Real = Intl.DateTimeFormat;
  let constructed = 0;
  beforeEach(() => {
    constructed = 0;
    const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Real>) {
      constructed += 1;
      return new Real(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Object.assign(Counting, {
      supportedLocalesOf: Real.supportedLocalesOf,
      prototype: Real.prototype,
    });
    Intl.DateTimeFormat = Counting;
  });
  afterEach(() => {
    Intl.DateTimeFormat = Real;
  });
  return {
    count: () => constructed,
    reset: () => {
      constructed = 0;
    },
  };
}
