import { type ClinicianHandlers, RefusedError, type SessionStatus } from '../../../../shared/ipc';
import { apiFailureOf } from '../../api/failure';
import { readDeviceKeyFile, wipeDeviceData } from '../../keys';
import { sessionConsequenceOf, signInNeededText } from './consequences';
import { fromGrant, locked, type SessionKernel } from './kernel';
import { readLockState } from './lock-state';
import type { Transition } from './machine';
import { type OnlineSignIn, signInOnline } from './online-sign-in';
import { hashPasscode, verifyPasscode } from './passcode';
import { afterWrongPasscode, MAX_UNLOCK_ATTEMPTS } from './passcode-lock';
import { someoneElsesDevice } from './status';
import { offlineLeaseOver } from './tokens';
import { createVault, openVaultAtStart } from './vault';

/**
 * The session's commands: each runs alone (machine.serialise), reads the facts, talks to the
 * service when it must, and moves the machine with the transition it is handed.
 */
type SessionHandlers = ClinicianHandlers['session'];

const didNotFinish = 'The last sign-in did not finish. Please sign in again.';

/** At start: open what this device holds and find the state it was left in. */
export const start = (k: SessionKernel): Promise<void> =>
  k.machine.serialise(async (t) => {
    const { facts, options } = k;
    // Read first: if the store cannot be opened, whose it is and what is unsent still show.
    facts.lock = readLockState(options.dataDir);
    try {
      facts.vault = await openVaultAtStart(vaultOptions(k));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return t({ name: 'signed-out', reason: `The local database could not be opened: ${why}` });
    }
    if (!facts.vault) {
      facts.lock = null;
      return t({ name: 'signed-out', reason: null });
    }
    const owed = facts.lock?.signInNeeded ?? null;
    if (facts.vault.store()) {
      if (!k.adoptStoredSession()) return k.wipe(t, didNotFinish);
      return owed ? k.needSignIn(t, owed) : t(locked('Enter your passcode to open patient data.'));
    }
    // The passcode seals the key: nothing opens before it is given.
    if (owed === 'too-many-passcodes') return k.needSignIn(t, owed);
    t(
      owed
        ? {
            name: 'locked',
            reason: `Enter your passcode, then sign in again online. ${signInNeededText[owed]}`,
            then: { signInNeeded: owed },
          }
        : locked('Enter your passcode to open patient data.'),
    );
  });

export const signIn =
  (k: SessionKernel): SessionHandlers['signIn'] =>
  ({ serverUrl, email, password, totp, passcode }) =>
    k.machine.serialise(async (t) => {
      const { facts } = k;
      if (k.machine.state.name !== 'signed-out') {
        const owner = facts.session?.user ?? facts.lock?.owner;
        throw new RefusedError(
          owner
            ? someoneElsesDevice(owner.displayName, k.unsentChanges())
            : 'Someone is signed in on this device: sign out first.',
        );
      }
      if (deviceHoldsData(k))
        throw new RefusedError(
          "This computer still holds data that could not be opened. Erase this device's data first (Sign out).",
        );
      const baseUrl = serverUrl ?? k.options.defaultServerUrl;
      const online = await signInOnline(k.http(baseUrl), { email, password, totp });
      try {
        facts.vault = await createVault(vaultOptions(k), { passcode, accountPassword: password });
        facts.recovery = null;
        await adoptOnline(k, online, baseUrl, passcode);
      } catch (error) {
        facts.vault?.close();
        facts.vault = null;
        facts.session = null;
        facts.lock = null;
        wipeDeviceData(k.options.dataDir);
        throw error;
      }
      t({ name: 'unlocked' });
      return k.status();
    });

export const unlock =
  (k: SessionKernel): SessionHandlers['unlock'] =>
  ({ passcode }) =>
    k.machine.serialise(async (t) => {
      const { facts } = k;
      const state = k.machine.state;
      if (state.name === 'unlocked') return k.status();
      if (state.name === 'signed-out') throw new RefusedError('Sign in first.');
      if (state.name !== 'locked') throw new RefusedError(k.status().reason ?? 'Sign in again.');
      // Counted and checked inside the serialised command: one guess at a time.
      const failedBefore = facts.lock?.failedUnlocks ?? 0;
      if (failedBefore >= MAX_UNLOCK_ATTEMPTS) {
        k.needSignIn(t, 'too-many-passcodes');
        throw new RefusedError(signInNeededText['too-many-passcodes']);
      }
      if (!(await passcodeIsRight(k, passcode))) {
        const after = afterWrongPasscode(failedBefore);
        k.saveLock({ failedUnlocks: after.failed });
        const said = `Wrong passcode. ${after.attemptsLeft} attempt${after.attemptsLeft === 1 ? '' : 's'} left.`;
        if (after.lockedOut) {
          k.needSignIn(t, 'too-many-passcodes');
          throw new RefusedError(`${said} ${signInNeededText['too-many-passcodes']}`);
        }
        t({ ...state, reason: said });
        throw new RefusedError(said);
      }
      if (!facts.session && !k.adoptStoredSession()) {
        k.wipe(t, didNotFinish);
        throw new RefusedError(didNotFinish);
      }
      // A key sealed by a weak key store before: from now on the passcode seals it.
      if (facts.vault?.sealedBy() === 'keychain') await facts.vault.reseal({ passcode });
      k.saveLock({ failedUnlocks: 0 });
      if (state.then !== 'unlocked') {
        k.needSignIn(t, state.then.signInNeeded);
        return k.status();
      }
      const renewed = await renewLeaseIfOver(k, t);
      if (renewed !== 'renewed') return renewed;
      t({ name: 'unlocked' });
      return k.status();
    });

const passcodeIsRight = async (k: SessionKernel, passcode: string): Promise<boolean> => {
  const vault = k.facts.vault;
  if (!vault) return false;
  if (vault.sealedBy() === 'passcode') return vault.openWith('passcode', passcode);
  const hash = k.facts.session?.passcode;
  return hash ? verifyPasscode(passcode, hash) : false;
};

/**
 * Offline, the lease (on lived time) says how long the passcode alone may open patient data;
 * once it is over, only a renewal from the service does. What a refused renewal means is the
 * session's one policy (consequences.ts).
 */
async function renewLeaseIfOver(
  k: SessionKernel,
  t: Transition,
): Promise<'renewed' | SessionStatus> {
  if (!offlineLeaseOver(k.facts.session?.offlineLeaseExpiresAt, k.clock.now().getTime()))
    return 'renewed';
  try {
    await k.authorised.refreshNow(); // a new lease, tokens and attestation
    return 'renewed';
  } catch (error) {
    const failure = apiFailureOf(error);
    const consequence = failure ? sessionConsequenceOf(failure) : { kind: 'none' as const };
    switch (consequence.kind) {
      case 'erase':
        k.wipe(t, consequence.message);
        throw new RefusedError(consequence.message);
      case 'sign-in-needed':
        k.needSignIn(t, consequence.why);
        return k.status();
      case 'country-refused':
        throw new RefusedError(consequence.message);
      case 'none':
        throw new RefusedError('Your offline period has ended: connect to the internet to unlock.');
    }
  }
}

export const reauthenticate =
  (k: SessionKernel): SessionHandlers['reauthenticate'] =>
  ({ email, password, totp, newPasscode }) =>
    k.machine.serialise(async (t) => {
      const { facts } = k;
      const state = k.machine.state;
      if (state.name !== 'sign-in-needed' && state.name !== 'locked')
        throw new RefusedError('There is no sign-in to renew on this device.');
      const owner = facts.session?.user ?? facts.lock?.owner;
      const elsewhere = () =>
        someoneElsesDevice(owner?.displayName ?? 'another person', k.unsentChanges());
      if (!owner || email.trim().toLowerCase() !== owner.email.toLowerCase())
        throw new RefusedError(elsewhere());
      // A forgotten passcode (or too many wrong ones) is replaced by a new one.
      const forgotten = state.name === 'locked' || state.why === 'too-many-passcodes';
      if (forgotten && !newPasscode)
        throw new RefusedError('Choose a new passcode for this computer.');
      const serverUrl = facts.session?.serverUrl ?? k.options.defaultServerUrl;
      const api = k.http(serverUrl);
      const online = await signInOnline(api, { email, password, totp });
      const abandon = (why: string): never => {
        const { accessToken, refreshToken } = online.grant.tokens;
        void api
          .call('signOut', { body: { refreshToken }, token: accessToken })
          .catch(() => undefined);
        throw new RefusedError(why);
      };
      if (online.grant.user.id !== owner.id) abandon(elsewhere());
      if (!k.store() && !(await facts.vault?.openWith('account-password', password)))
        abandon(
          `This computer's copy was sealed with the password you last used here, which has changed since, so it cannot be opened. To go on, erase this device's data (${k.unsentChanges() ?? 'possibly some'} unsent changes).`,
        );
      if (!facts.session && !k.adoptStoredSession())
        abandon('The data on this computer is incomplete: erase it and sign in again.');
      await adoptOnline(k, online, serverUrl, newPasscode);
      await facts.vault?.reseal({
        accountPassword: password,
        ...(newPasscode ? { passcode: newPasscode } : {}),
      });
      t({ name: 'unlocked' });
      return k.status();
    });

export const signOut =
  (k: SessionKernel): SessionHandlers['signOut'] =>
  ({ discardUnsentChanges }) =>
    k.machine.serialise(async (t) => {
      // Nothing a clinician typed is lost without their word for exactly how much.
      const unsent = k.unsentChanges() ?? 0;
      if (unsent > 0 && discardUnsentChanges !== unsent)
        throw new RefusedError(
          `${unsent} change${unsent === 1 ? ' has' : 's have'} not reached the server and would be lost. Connect and let them sync, or confirm that you want to erase them.`,
        );
      const session = k.facts.session;
      if (session && k.store())
        await k.authorised
          .call('signOut', { body: { refreshToken: session.tokens.refreshToken } })
          .catch(() => undefined);
      k.wipe(t, 'Signed out. Nothing of your caseload is left on this device.');
      return k.status();
    });

/** Take what an online sign-in brought: tokens, lease, the new device, the pinned keys. */
async function adoptOnline(
  k: SessionKernel,
  online: OnlineSignIn,
  serverUrl: string,
  passcode?: string,
): Promise<void> {
  const { facts, clock } = k;
  const open = k.store();
  if (!open) throw new Error('The store must be open to take a sign-in.');
  const previous = facts.session;
  // With an OS keychain the passcode is checked against its hash; otherwise its key slot.
  const hash =
    facts.vault?.sealedBy() !== 'keychain'
      ? undefined
      : passcode
        ? await hashPasscode(passcode)
        : previous?.passcode;
  facts.session = {
    serverUrl,
    ...fromGrant(online.grant),
    jwks: online.jwks,
    attestation: null,
    attestationExpiresAt: null,
    country: null,
    lockAfterMinutes: previous?.lockAfterMinutes ?? 5,
    clockOffsetMs: clock.offsetMs,
    lastServerTime: null,
    ...(hash ? { passcode: hash } : {}),
  };
  open.settings.set('device-private-key', online.devicePrivateKey, clock.now().toISOString());
  k.persist({});
  k.saveLock({ failedUnlocks: 0, signInNeeded: null });
  await k.takeAttestation(online.grant.locationAttestation);
}

/** A key file is there (readable or not): data of someone's that this sign-in must not touch. */
const deviceHoldsData = (k: SessionKernel): boolean => {
  try {
    return readDeviceKeyFile(k.options.dataDir) !== null;
  } catch {
    return true;
  }
};

const vaultOptions = (k: SessionKernel) => ({
  directory: k.options.dataDir,
  keyStore: k.options.keyStore,
  ...(k.options.nativeBinding ? { nativeBinding: k.options.nativeBinding } : {}),
});
