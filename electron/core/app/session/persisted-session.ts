import { z } from 'zod';
import { Jwks, TokenPair, UserProfile } from '../../../../shared/api';
import type { Store } from '../../store';

/** Everything the session keeps between runs, inside the encrypted database. */
export const PersistedSession = z.object({
  serverUrl: z.string(),
  user: UserProfile,
  deviceId: z.string(),
  tokens: TokenPair,
  /** The server's public keys as seen at sign-in: pinned, never re-fetched silently. */
  jwks: Jwks.shape.keys,
  offlineLease: z.string(),
  offlineLeaseExpiresAt: z.string(),
  attestation: z.string().nullable(),
  attestationExpiresAt: z.string().nullable(),
  country: z.string().nullable(),
  /** The passcode's hash, when the OS keychain seals the key (otherwise the key slot checks it). */
  passcode: z.object({ salt: z.string(), hash: z.string(), N: z.number() }).optional(),
  /** Before the lock state file: wrong passcodes so far (read once, when moving it there). */
  failedUnlocks: z.number().int().min(0).optional(),
  lockAfterMinutes: z.number().int().min(1).max(60),
  clockOffsetMs: z.number(),
  lastServerTime: z.string().nullable(),
  /** Lived device time (clock.ts): absent in sessions saved before it was kept. */
  livedMs: z.number().optional(),
  lastDeviceMs: z.number().optional(),
  highestDeviceMs: z.number().optional(),
  /** The service refused the country in `country` (kept across restarts; a good attestation clears it). */
  countryRefused: z.boolean().optional(),
});
export type PersistedSession = z.infer<typeof PersistedSession>;

const KEY = 'session';

export function loadSession(store: Store): PersistedSession | null {
  const parsed = PersistedSession.safeParse(store.settings.get(KEY));
  return parsed.success ? parsed.data : null;
}

export function saveSession(store: Store, session: PersistedSession, at: string): void {
  store.settings.set(KEY, session, at);
}
