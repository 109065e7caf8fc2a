import { DEFAULT_REUSE_GRACE_SECONDS } from './refresh';

/** The server's sign-in and session policy, decided at start-up. */
export interface AuthSettings {
  /** How long the immediately previous refresh token of a family still works (lost response). */
  refreshReuseGraceSeconds: number;
}

export const defaultAuthSettings = (): AuthSettings => ({
  refreshReuseGraceSeconds: DEFAULT_REUSE_GRACE_SECONDS,
});
