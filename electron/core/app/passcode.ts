import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** The local passcode, kept only as an scrypt hash inside the encrypted database. */
export interface PasscodeHash {
  readonly salt: string;
  readonly hash: string;
  readonly N: number;
}

const KEY_LENGTH = 32;
const COST = 2 ** 15;

const derive = (passcode: string, salt: Buffer, N: number): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(
      passcode.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N, r: 8, p: 1, maxmem: 128 * N * 8 * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );

export async function hashPasscode(passcode: string): Promise<PasscodeHash> {
  const salt = randomBytes(16);
  const hash = await derive(passcode, salt, COST);
  return { salt: salt.toString('base64'), hash: hash.toString('base64'), N: COST };
}

export async function verifyPasscode(passcode: string, stored: PasscodeHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(passcode, Buffer.from(stored.salt, 'base64'), stored.N);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** After this many wrong passcodes, only an online sign-in opens the app again. */
export const MAX_UNLOCK_ATTEMPTS = 5;
