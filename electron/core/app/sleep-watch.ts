/** One reading of the wall clock and of the process's monotonic clock. */
export interface Readings {
  readonly wallMs: number;
  readonly monoMs: number;
}

export const readClocks = (): Readings => ({ wallMs: Date.now(), monoMs: performance.now() });

/**
 * Whether the computer slept between two readings: the wall clock moved on well past the
 * time the process itself lived (the monotonic clock stands still while the computer sleeps).
 * No platform event says so outside Electron, so the core looks at each minute's tick. A wall
 * clock set forward by hand reads the same: deciding the rule again then is right too.
 */
export function sleptBetween(before: Readings, after: Readings, thresholdMs = 30_000): boolean {
  return after.wallMs - before.wallMs - (after.monoMs - before.monoMs) > thresholdMs;
}
