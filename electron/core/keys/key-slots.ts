import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { DATABASE_KEY_BYTES } from './key-store';

/**
 * A key slot: the database key sealed with a key derived from something a person knows (the
 * local passcode, or the account password of the last online sign-in), so that a copy of the
 * disk cannot be read without it.
 *
 * KDF: scrypt, N = 2^17, r = 8, p = 1 (128 MiB, about 0.3–0.5 s on a laptop core: OWASP's
 * recommended minimum for scrypt), a 16-byte random salt per slot, a 32-byte output.
 * Seal: AES-256-GCM with a 12-byte random nonce; the slot's purpose and KDF parameters are
 * its associated data, so a slot cannot be moved to another purpose or given weaker
 * parameters without failing to open. A wrong secret is a failed tag: `openKeySlot` → null.
 *
 * What it does not do: stop an offline guessing attack on a weak passcode; it makes each
 * guess cost the scrypt above. The lock screen's attempt limit guards the app, not the disk.
 */
export const SLOT_KDF = { algorithm: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

export type KeySlotPurpose = 'passcode' | 'account-password';

export const KeySlot = z.strictObject({
  kdf: z.strictObject({
    algorithm: z.literal('scrypt'),
    N: z.int().min(2 ** 14),
    r: z.int().min(8),
    p: z.int().min(1),
    salt: z.base64(),
  }),
  cipher: z.literal('aes-256-gcm'),
  nonce: z.base64(),
  sealed: z.base64(),
  tag: z.base64(),
});
export type KeySlot = z.infer<typeof KeySlot>;

const deriveKek = (secret: string, kdf: KeySlot['kdf']): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(
      secret.normalize('NFKC'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );

const associatedData = (purpose: KeySlotPurpose, kdf: KeySlot['kdf']): Buffer =>
  Buffer.from(JSON.stringify({ v: 1, purpose, N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt }));

/** Seal the 32-byte database key under a secret a person knows. */
export async function sealKeySlot(
  purpose: KeySlotPurpose,
  secret: string,
  databaseKey: Buffer,
): Promise<KeySlot> {
  if (databaseKey.length !== DATABASE_KEY_BYTES) throw new Error('A database key is 32 bytes.');
  const kdf = { ...SLOT_KDF, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKek(secret, kdf);
  try {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, nonce);
    cipher.setAAD(associatedData(purpose, kdf));
    const sealed = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
    return {
      kdf,
      cipher: 'aes-256-gcm',
      nonce: nonce.toString('base64'),
      sealed: sealed.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

/** The database key, or null when the secret is not the one the slot was sealed with. */
export async function openKeySlot(
  purpose: KeySlotPurpose,
  secret: string,
  slot: KeySlot,
): Promise<Buffer | null> {
  const kek = await deriveKek(secret, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
    decipher.setAAD(associatedData(purpose, slot.kdf));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([
      decipher.update(Buffer.from(slot.sealed, 'base64')),
      decipher.final(),
    ]);
    return key.length === DATABASE_KEY_BYTES ? key : null;
  } catch {
    return null; // the tag did not verify: a wrong secret (or a tampered slot)
  } finally {
    kek.fill(0);
  }
}
