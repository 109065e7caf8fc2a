import { DEFAULT_REUSE_GRACE_SECONDS } from './refresh';

/** The server's sign-in and session policy, decided at start-up. */
export interface AuthSettings {
  /** How long the immediately previous refresh token of a family still works (lost response). */
  refreshReuseGraceSeconds: number;
  /**
   * An authenticator code signs in once. Off only in demo mode, where GET /demo/accounts
   * publishes the TOTP secrets themselves (so it would protect nothing) and the demo and the
   * test suites sign one account into several devices at once.
   */
  totpSingleUse: boolean;
}

export const authSettingsFor = (options: {
  demoMode: boolean;
  refreshReuseGraceSeconds?: number;
}): AuthSettings => ({
  refreshReuseGraceSeconds: options.refreshReuseGraceSeconds ?? DEFAULT_REUSE_GRACE_SECONDS,
  totpSingleUse: !options.demoMode,
});
