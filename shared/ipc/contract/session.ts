import { z } from 'zod';
import { Role } from '../../api/common';
import { event, method } from '../define';
import { Ack, Instant, NoArguments } from './common';

export const SessionState = z.enum([
  'signed-out',
  'locked',
  'location-check-needed',
  'unlocked',
  /** The sign-in cannot be renewed on this device: sign in again online; nothing is lost. */
  'sign-in-needed',
]);

/**
 * Why an online sign-in is needed: the sign-in expired (a long time offline), the service
 * ended it (a refresh token refused or used twice, e.g. after a lost answer), the account is
 * disabled, or too many wrong passcodes. Never a reason to erase anything.
 */
export const SignInNeededWhy = z.enum([
  'session-expired',
  'session-ended',
  'account-disabled',
  'too-many-passcodes',
]);
export type SignInNeededWhy = z.infer<typeof SignInNeededWhy>;

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
  /** Set while state is 'sign-in-needed'; a new passcode is then chosen after a lockout. */
  signInNeeded: z
    .strictObject({ why: SignInNeededWhy, newPasscodeRequired: z.boolean() })
    .nullable(),
  /**
   * Changes made on this device that the server has not accepted yet (pending or refused):
   * what erasing the device would lose. Null when the device holds nobody's data.
   */
  unsentChanges: z.int().min(0).nullable(),
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
  reauthenticate: method(
    z.strictObject({
      email: z.email().max(254),
      password: z.string().min(1).max(200),
      totp: z.string().regex(/^\d{6}$/, 'the six-digit code from your authenticator'),
      newPasscode: Passcode.optional(),
    }),
    SessionStatus,
    'Sign in again online as the person whose data this device holds; every unsent change is kept. After too many wrong passcodes (or a forgotten one), also choose a new passcode.',
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
    z.strictObject({
      /** The number of unsent changes the person was shown and agreed to lose. */
      discardUnsentChanges: z.int().min(0).optional(),
    }),
    SessionStatus,
    "Sign out: erase this device's database, keys and caches. Refused while changes are unsent, unless their number is confirmed.",
  ),
  dismissRecovery: method(
    NoArguments,
    SessionStatus,
    'The user has read the store-recovery notice.',
  ),
} as const;
