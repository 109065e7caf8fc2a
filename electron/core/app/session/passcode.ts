import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The local passcode as an scrypt hash inside the encrypted database: how the passcode is
 * checked when the OS keychain seals the database key (the store is open, the passcode gates
 * the UI). Without a keychain the passcode seals the key itself (keys/key-slots.ts).
 */
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
