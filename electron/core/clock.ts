/**
 * The server-corrected clock. Deadlines must not be fooled by a wrong laptop clock, so
 * every API response's serverTime updates the offset (NTP-style: assume the server stamped
 * the response halfway through the round trip).
 *
 * Offline, the device's own clock is all there is, and a person can wind it back to keep an
 * offline lease or a location attestation alive. So the clock counts *lived* device time: a
 * high-water mark that moves forward by every forward step of the device clock (time while
 * the app was closed included) and ignores every backward step. Expiries are measured on it,
 * so winding the clock back gains nothing; only the service's own time (the next answer)
 * moves it back to the device clock.
 */
export interface ServerClock {
  /** Lived device time corrected by the last learnt offset: never goes backwards offline. */
  now(): Date;
  readonly offsetMs: number;
  /** The latest server time seen. */
  readonly lastServerTime: Date | null;
  /** The device clock as it reads now (for measuring round trips). */
  deviceNowMs(): number;
  /** How far the device clock now reads behind the lived time (0 when it has not gone back). */
  rolledBackMs(): number;
  /**
   * The highest reading of the device clock since the service last vouched for the time. A
   * device clock below it has been wound back; back at or past it, it has been put right
   * (lived time, which counts every forward step, may then be ahead: expiries come early,
   * never late).
   */
  highestDeviceMs(): number;
  observe(serverTime: string, sentAtMs: number, receivedAtMs: number): void;
  /** What an earlier run learnt and lived (kept in the encrypted store). */
  snapshot(): ClockState;
  restore(state: ClockState): void;
}

export interface ClockState {
  readonly offsetMs: number;
  readonly lastServerTime: string | null;
  /** Lived device time (the high-water mark), ms since the epoch. */
  readonly livedMs: number;
  /** The device clock's reading when lived time was last advanced. */
  readonly lastDeviceMs: number;
  /** The highest device reading since the last server time (absent in older saves). */
  readonly highestDeviceMs?: number;
}

export function createServerClock(deviceNow: () => number = Date.now): ServerClock {
  let offsetMs = 0;
  let lastServerTime: Date | null = null;
  let lastDeviceMs = deviceNow();
  let livedMs = lastDeviceMs;
  let highestMs = lastDeviceMs;
  /** Where this run's own record starts (until an earlier run's is restored): device, lived. */
  let runStartDeviceMs = lastDeviceMs;
  let runStartLivedMs = livedMs;

  /** Read the device clock; only a forward step advances lived time. */
  const live = (): number => {
    const device = deviceNow();
    if (device > lastDeviceMs) livedMs += device - lastDeviceMs;
    lastDeviceMs = device;
    if (device > highestMs) highestMs = device;
    return device;
  };

  return {
    now: () => {
      live();
      return new Date(livedMs + offsetMs);
    },
    get offsetMs() {
      return offsetMs;
    },
    get lastServerTime() {
      return lastServerTime;
    },
    deviceNowMs: () => deviceNow(),
    rolledBackMs: () => Math.max(0, livedMs - live()),
    highestDeviceMs: () => {
      live();
      return highestMs;
    },
    observe(serverTime, sentAtMs, receivedAtMs) {
      const server = Date.parse(serverTime);
      if (!Number.isFinite(server)) return;
      offsetMs = Math.round(server - (sentAtMs + receivedAtMs) / 2);
      if (!lastServerTime || server > lastServerTime.getTime()) lastServerTime = new Date(server);
      // The service vouched for the time: lived time is the device clock again.
      lastDeviceMs = deviceNow();
      livedMs = lastDeviceMs;
      highestMs = lastDeviceMs;
    },
    snapshot: () => {
      live();
      return {
        offsetMs,
        lastServerTime: lastServerTime?.toISOString() ?? null,
        livedMs,
        lastDeviceMs,
        highestDeviceMs: highestMs,
      };
    },
    restore(state) {
      offsetMs = state.offsetMs;
      lastServerTime = state.lastServerTime ? new Date(state.lastServerTime) : null;
      live();
      // Lived time goes on from the earlier run's: plus the time the app was closed (none if
      // the clock was wound back meanwhile), plus what this run has lived so far.
      const whileClosed = Math.max(0, runStartDeviceMs - state.lastDeviceMs);
      const thisRun = livedMs - runStartLivedMs;
      livedMs = Math.max(livedMs, state.livedMs + whileClosed + thisRun);
      highestMs = Math.max(highestMs, state.highestDeviceMs ?? state.lastDeviceMs);
      runStartDeviceMs = lastDeviceMs;
      runStartLivedMs = livedMs;
    },
  };
}
