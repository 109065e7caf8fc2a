/**
 * Exponential backoff with full jitter (AWS's recommendation): spreads 200 devices that lost
 * the network together, so they do not return together.
 */
export interface Backoff {
  /** Delay before the next attempt after `failures` consecutive failures (≥ 1). */
  delayMs(failures: number): number;
}

export function fullJitterBackoff(
  baseMs = 1_000,
  capMs = 5 * 60_000,
  random: () => number = Math.random,
): Backoff {
  return {
    delayMs(failures) {
      const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
      return Math.round(baseMs / 2 + random() * (ceiling - baseMs / 2));
    },
  };
}
