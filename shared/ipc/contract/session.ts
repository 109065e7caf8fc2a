import { z } from 'zod';
import { Role } from '../../api/common';
import { event, method } from '../define';
import { Ack, Instant, NoArguments } from './common';

export const SessionState = z.enum(['signed-out', 'locked', 'location-check-needed', 'unlocked']);

/** How well the device's database key is protected at rest. */
export const KeyProtection = z.enum(['os-protected', 'unprotected', 'test-seam']);

export const StoreRecoveryNotice = z.strictObject({
  reason: z.string(),
  outboxEntriesKept: z.int().min(0),
  at: Instant,
});

export const SessionStatus = z.strictObject({
  state: SessionState,
  user: z
    .strictObject({ id: z.string(), displayName: z.string(), role: Role, email: z.string() })
    .nullable(),
  serverUrl: z.string().nullable(),
  /** The embedded demo backend is in use: the sign-in screen shows demo accounts. */
  demo: z.boolean(),
  keyProtection: KeyProtection.nullable(),
  offlineLeaseExpiresAt: Instant.nullable(),
  lockAfterMinutes: z.int().min(1).max(60),
  /** Why patient data is closed, in words for the therapist (lock, location, lease). */
  reason: z.string().nullable(),
  unlockAttemptsLeft: z.int().min(0).nullable(),
  recovery: StoreRecoveryNotice.nullable(),
  changedAt: Instant,
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const DemoAccountView = z.strictObject({
  email: z.string(),
  password: z.string(),
  role: Role,
  displayName: z.string(),
});

const Passcode = z.string().min(6, 'at least 6 characters').max(128);

export const sessionContract = {
  status: method(NoArguments, SessionStatus, 'Who is signed in and whether patient data is open.'),
  changed: event(SessionStatus, 'The session changed (sign-in, lock, unlock, location, wipe).'),
  demoAccounts: method(
    NoArguments,
    z.strictObject({ accounts: z.array(DemoAccountView) }),
    'Demo mode only: the seeded accounts to sign in with.',
  ),
  demoTotp: method(
    z.strictObject({ email: z.string().max(254) }),
    z.strictObject({ code: z.string().regex(/^\d{6}$/), validForSeconds: z.int().min(0) }),
    'Demo mode only: the current authenticator code of a demo account.',
  ),
  signIn: method(
    z.strictObject({
      serverUrl: z
        .url({ protocol: /^https?$/ })
        .max(2048)
        .optional(),
      email: z.email().max(254),
      password: z.string().min(1).max(200),
      totp: z.string().regex(/^\d{6}$/, 'the six-digit code from your authenticator'),
      passcode: Passcode,
    }),
    SessionStatus,
    'Sign in online (password + TOTP), register this device, set the local passcode.',
  ),
  unlock: method(
    z.strictObject({ passcode: Passcode }),
    SessionStatus,
    'Unlock with the local passcode.',
  ),
  lock: method(
    NoArguments,
    SessionStatus,
    'Lock now: patient data closes until the passcode is given.',
  ),
  touch: method(
    NoArguments,
    Ack,
    'The user is active (throttled by the UI): postpones the inactivity lock.',
  ),
  setLockAfter: method(
    z.strictObject({ minutes: z.int().min(1).max(60) }),
    SessionStatus,
    'Inactivity lock delay.',
  ),
  signOut: method(
    NoArguments,
    SessionStatus,
    'Sign out: wipe the local database, keys and caches.',
  ),
  dismissRecovery: method(
    NoArguments,
    SessionStatus,
    'The user has read the store-recovery notice.',
  ),
} as const;
