import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocationClosedWhy, LocationStatus } from '../../../../shared/ipc';
import { issueLocationAttestation } from '../../../../server/auth/tokens';
import type { ServerKeys } from '../../../../server/auth/keys';
import { createServerClock } from '../../../../electron/core/clock';
import {
  afterAttestation,
  afterCountryRefusal,
  type AttestationOwner,
  type HeldLocation,
  locationNow,
} from '../../../../electron/core/app/location-rule';

/**
 * Issue 14's decision matrix: every combination of
 *   approved / not approved × online / offline × attestation fresh / expired / forged /
 *   another device's / another user's × time zone consistent / changed × clock normal /
 *   wound back / wound back and put right
 * with the decision the service's policy asks for, against the code the session runs: the
 * server's own attestation signer, the core's clock (lived time, high-water mark, offset learnt
 * from the service), the core's acceptance of an attestation (`afterAttestation`, what the
 * session does with every one that arrives), of a refusal (`afterCountryRefusal`) and the rule
 * (`locationNow`, what `location.status` and the patient-data gate read).
 *
 * The therapist works from France. "Approved" means FR is on the service's approved list for
 * them (cached on the device, and the service agrees); "not approved" means it has been taken
 * off since the attestation was issued (offline the device knows it from the cached list;
 * online the service refuses the country).
 */
const HOUR = 3_600_000;
const SIGN_IN = Date.parse('2026-01-15T09:00:00Z');
const USER = '6c1f3f38-55f2-4b4e-9a53-2b7c8c1d0a01';
const DEVICE = '0f8e0d4c-8b6b-4f2e-bd0a-6f1c4f5e2b02';

type Attestation = 'fresh' | 'expired' | 'forged' | 'other-device' | 'other-user';
type Zone = 'consistent' | 'changed';
type Clock = 'normal' | 'wound-back' | 'wound-back-and-restored';
interface Cell {
  readonly approved: boolean;
  readonly online: boolean;
  readonly attestation: Attestation;
  readonly zone: Zone;
  readonly clock: Clock;
}
type Expected =
  { readonly state: 'ok' } | { readonly state: 'check-needed'; why: LocationClosedWhy };

/**
 * The policy, written from docs/domain.md ("Working abroad") rather than from the code:
 * - Online the service's answer decides where the device is and what time it is: a refused
 *   country closes patient data naming it; otherwise a fresh attestation arrives and the clock
 *   is corrected, whatever the device held or how its clock was set. The time zone still has
 *   to fit the country (a VPN defeats the address check; the zone is the second signal).
 * - Offline the device decides on what it holds: an attestation it cannot trust (forged,
 *   another device's or user's) is not held at all; a clock behind the highest time already
 *   seen is wound back, and put right again it is fine; an attestation expires on the time the
 *   device has lived through; then the cached approved list; then the zone.
 */
function expected(c: Cell): Expected {
  const closed = (why: LocationClosedWhy): Expected => ({ state: 'check-needed', why });
  if (c.online) {
    if (!c.approved) return closed('not-approved');
    return c.zone === 'changed' ? closed('zone') : { state: 'ok' };
  }
  if (
    c.attestation === 'forged' ||
    c.attestation === 'other-device' ||
    c.attestation === 'other-user'
  )
    return closed('no-attestation');
  if (c.clock === 'wound-back') return closed('clock');
  if (c.attestation === 'expired') return closed('expired');
  if (!c.approved) return closed('not-approved');
  if (c.zone === 'changed') return closed('zone');
  return { state: 'ok' };
}

let genuine: ServerKeys;
let forger: ServerKeys;
let owner: AttestationOwner;

const keysOf = async (): Promise<ServerKeys> => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicKey, publicJwk: { ...jwk, kid } };
};

beforeAll(async () => {
  genuine = await keysOf();
  forger = await keysOf();
  // The forger even copies the service's key id: only the signature tells them apart.
  forger = { ...forger, kid: genuine.kid };
  const { x } = genuine.publicJwk;
  if (typeof x !== 'string') throw new Error('no public key');
  owner = {
    jwks: [{ kty: 'OKP', crv: 'Ed25519', x, kid: genuine.kid, alg: 'EdDSA', use: 'sig' }],
    userId: USER,
    deviceId: DEVICE,
  };
});

/** One device living through the cell's story; returns what the rule decides at the end. */
async function decide(c: Cell): Promise<LocationStatus> {
  let deviceMs = SIGN_IN;
  const clock = createServerClock(() => deviceMs);
  const answered = (serverMs: number) => {
    // As the HTTP client does with every response: learn the offset from the service's time.
    clock.observe(new Date(serverMs).toISOString(), deviceMs, deviceMs);
  };
  answered(SIGN_IN);
  let held: HeldLocation = { attestation: null, attestationExpiresAt: null, country: null };
  const take = async (jws: string) => {
    held = (await afterAttestation(held, jws, owner, clock)).held;
  };

  // At sign-in (online, in France, FR approved then) the service hands over an attestation.
  const offered = {
    fresh: () =>
      issueLocationAttestation(
        genuine,
        { userId: USER, deviceId: DEVICE, country: 'FR' },
        new Date(SIGN_IN),
      ),
    expired: () =>
      issueLocationAttestation(
        genuine,
        { userId: USER, deviceId: DEVICE, country: 'FR' },
        new Date(SIGN_IN),
      ),
    forged: () =>
      issueLocationAttestation(
        forger,
        { userId: USER, deviceId: DEVICE, country: 'FR' },
        new Date(SIGN_IN),
      ),
    'other-device': () =>
      issueLocationAttestation(
        genuine,
        { userId: USER, deviceId: '9a0d5e55-0a6e-4a57-8a3c-000000000003', country: 'FR' },
        new Date(SIGN_IN),
      ),
    'other-user': () =>
      issueLocationAttestation(
        genuine,
        { userId: '9a0d5e55-0a6e-4a57-8a3c-000000000004', deviceId: DEVICE, country: 'FR' },
        new Date(SIGN_IN),
      ),
  } satisfies Record<Attestation, () => Promise<string>>;
  await take(await offered[c.attestation]());

  // Time lived offline since: an hour, or a day and an hour for the expired attestation (24 h).
  const trueNow = SIGN_IN + (c.attestation === 'expired' ? 25 : 1) * HOUR;
  deviceMs = trueNow;
  clock.now(); // the running app reads its clock (the session ticks every minute)
  if (c.clock !== 'normal') {
    deviceMs = trueNow - 3 * HOUR; // wound back three hours
    clock.now();
    deviceMs += 5 * 60_000; // five minutes go by on the wound-back clock
    clock.now();
    if (c.clock === 'wound-back-and-restored') deviceMs = trueNow + 5 * 60_000; // put right
  }
  const serviceNow = deviceMs === trueNow ? trueNow : trueNow + 5 * 60_000;

  if (c.online) {
    // "Check again": the service is reached, observes the address (France) and answers.
    answered(serviceNow);
    if (c.approved)
      await take(
        await issueLocationAttestation(
          genuine,
          { userId: USER, deviceId: DEVICE, country: 'FR' },
          new Date(serviceNow),
        ),
      );
    else held = afterCountryRefusal('FR');
  }

  return locationNow(held, {
    approvedCountries: c.approved ? ['GB', 'FR'] : ['GB'],
    deviceZone: c.zone === 'consistent' ? 'Europe/Paris' : 'America/New_York',
    clock,
  });
}

const cells: Cell[] = [];
for (const approved of [true, false])
  for (const online of [true, false])
    for (const attestation of ['fresh', 'expired', 'forged', 'other-device', 'other-user'] as const)
      for (const zone of ['consistent', 'changed'] as const)
        for (const clock of ['normal', 'wound-back', 'wound-back-and-restored'] as const)
          cells.push({ approved, online, attestation, zone, clock });

const nameOf = (c: Cell) =>
  `${c.approved ? 'approved' : 'not approved'}, ${c.online ? 'online' : 'offline'}, attestation ${c.attestation}, zone ${c.zone}, clock ${c.clock}`;

describe('the location decision matrix (2 × 2 × 5 × 2 × 3 = 120 cells)', () => {
  it('has every cell', () => {
    expect(cells).toHaveLength(120);
  });

  it.each(cells.map((c) => [nameOf(c), c] as const))('%s', async (_name, cell) => {
    const status = await decide(cell);
    const want = expected(cell);
    if (want.state === 'ok') {
      expect(status).toMatchObject({ state: 'ok', why: null, reason: null, country: 'FR' });
    } else {
      expect(status).toMatchObject({ state: 'check-needed', why: want.why });
      expect(status.reason).toEqual(expect.any(String));
      // A country that is not approved is always named.
      if (want.why === 'not-approved') expect(status.reason).toContain('FR');
      if (want.why === 'zone') expect(status.reason).toContain('America/New_York');
    }
  });
});
