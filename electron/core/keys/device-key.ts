import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from './atomic-file';
import { sealedKeyPathIn } from './device-files';
import type { KeyProtection, KeyStore } from './key-store';
import { DATABASE_KEY_BYTES, KeyUnwrapError } from './key-store';

const sealedKeyFile = z.object({
  version: z.literal(1),
  protection: z.enum(['os-protected', 'unprotected', 'test-seam']),
  sealed: z.base64(),
});

export interface DatabaseKey {
  /** 32 random bytes. The caller zeroes it (`key.fill(0)`) once the store is open. */
  readonly key: Buffer;
  readonly protection: KeyProtection;
  /** True when this call generated the key: a first run on this device. */
  readonly created: boolean;
}

/**
 * The device's database key: unsealed from the device data directory, or, on first use,
 * generated with crypto.randomBytes and stored sealed (owner-only file, atomic write).
 */
export async function loadOrCreateDatabaseKey(
  directory: string,
  keyStore: KeyStore,
): Promise<DatabaseKey> {
  const path = sealedKeyPathIn(directory);
  if (!existsSync(path)) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const key = randomBytes(DATABASE_KEY_BYTES);
    const sealed = await keyStore.wrap(key);
    const file: z.infer<typeof sealedKeyFile> = {
      version: 1,
      protection: keyStore.protection,
      sealed: sealed.toString('base64'),
    };
    writeFileAtomically(path, JSON.stringify(file));
    return { key, protection: keyStore.protection, created: true };
  }
  const parsed = sealedKeyFile.safeParse(parseJson(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new KeyUnwrapError(`The sealed database key at ${path} is unreadable.`);
  }
  if (parsed.data.protection !== keyStore.protection) {
    throw new KeyUnwrapError(
      `The database key was sealed as '${parsed.data.protection}' but this key store is ` +
        `'${keyStore.protection}'; it cannot be unsealed here.`,
    );
  }
  const key = await keyStore.unwrap(Buffer.from(parsed.data.sealed, 'base64'));
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new KeyUnwrapError(`The unsealed database key has ${key.length} bytes, not 32.`);
  }
  return { key, protection: keyStore.protection, created: false };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
