/**
 * The server-corrected clock. Deadlines must not be fooled by a wrong laptop clock, so
 * every API response's serverTime updates the offset (NTP-style: assume the server stamped
 * the response halfway through the round trip).
 */
export interface ServerClock {
  /** Device time corrected by the last learnt offset. */
  now(): Date;
  readonly offsetMs: number;
  /** The latest server time seen, for the "clock went backwards" check of the location rule. */
  readonly lastServerTime: Date | null;
  observe(serverTime: string, sentAtMs: number, receivedAtMs: number): void;
  /** Restore what an earlier session learnt (kept in the encrypted store). */
  restore(offsetMs: number, lastServerTime: Date | null): void;
}

export function createServerClock(deviceNow: () => number = Date.now): ServerClock {
  let offsetMs = 0;
  let lastServerTime: Date | null = null;
  return {
    now: () => new Date(deviceNow() + offsetMs),
    get offsetMs() {
      return offsetMs;
    },
    get lastServerTime() {
      return lastServerTime;
    },
    observe(serverTime, sentAtMs, receivedAtMs) {
      const server = Date.parse(serverTime);
      if (!Number.isFinite(server)) return;
      offsetMs = Math.round(server - (sentAtMs + receivedAtMs) / 2);
      if (!lastServerTime || server > lastServerTime.getTime()) lastServerTime = new Date(server);
    },
    restore(savedOffset, savedLast) {
      offsetMs = savedOffset;
      lastServerTime = savedLast;
    },
  };
}
