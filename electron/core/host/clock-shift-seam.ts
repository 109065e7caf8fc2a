import { readFileSync } from 'node:fs';

/**
 * Test seam (CoreWorkerData.clockShiftFile): the device clock, shifted by the milliseconds
 * written in a file, so an end-to-end test can wind the computer's clock of a running preview
 * forward or back. Read at most every 100 ms; an unreadable file means no shift.
 */
export function shiftedClock(file: string): () => number {
  let shift = 0;
  let readAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - readAt >= 100) {
      readAt = now;
      try {
        const value = Number(readFileSync(file, 'utf8').trim());
        shift = Number.isFinite(value) ? value : 0;
      } catch {
        shift = 0;
      }
    }
    return now + shift;
  };
}
