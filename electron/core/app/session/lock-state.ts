import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role } from '../../../../shared/api';
import { SignInNeededWhy } from '../../../../shared/ipc';
import { lockStatePathIn } from '../../keys';
import { writeFileAtomically } from '../../keys/atomic-file';

/**
 * The lock's own state, kept beside the database in clear (owner-only, written atomically),
 * because it must be read before the database can be opened when the passcode seals its key:
 * whose device this is, how many wrong passcodes so far, whether an online sign-in is owed,
 * and how many changes were unsent when last counted. Nothing about any patient.
 *
 * Someone who can write the user's files can reset the attempt count; the count guards the
 * app's lock screen, and the passcode-sealed key (or the OS keychain) guards the disk.
 */
export const LockState = z.strictObject({
  version: z.literal(1),
  /** Null only when the owner could not be known (the store never opened this run). */
  owner: z
    .strictObject({ id: z.string(), email: z.string(), displayName: z.string(), role: Role })
    .nullable(),
  failedUnlocks: z.int().min(0),
  signInNeeded: SignInNeededWhy.nullable(),
  unsentChanges: z.int().min(0),
});
export type LockState = z.infer<typeof LockState>;

export function readLockState(directory: string): LockState | null {
  const path = lockStatePathIn(directory);
  if (!existsSync(path)) return null;
  try {
    const parsed = LockState.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLockState(directory: string, state: LockState): void {
  writeFileAtomically(lockStatePathIn(directory), JSON.stringify(state));
}
