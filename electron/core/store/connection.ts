import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Connection } from 'better-sqlite3-multiple-ciphers';
import { writeFileAtomically } from '../keys/atomic-file';
import { DATABASE_KEY_BYTES } from '../keys/key-store';

/**
 * The cipher: SQLite3 Multiple Ciphers' ChaCha20-Poly1305 (its default, non-legacy mode).
 * Chosen over its SQLCipher-compatible AES-256-CBC + HMAC-SHA512 because it is an AEAD with
 * a per-page tag (a flipped byte is reported as corruption rather than read as data), runs in
 * constant time in software on CPUs without AES-NI, and is the library's most exercised
 * path. We give up opening the file with SQLCipher's tools, which nobody needs: the cache is
 * disposable. Measured throughput of both was the same on our bulk insert.
 */
export const CIPHER = 'chacha20';

export type { Connection };

/**
 * Open the encrypted database at `path` (created if absent) with the raw 32-byte key and
 * set the connection up. Throws SQLite's own error (SQLITE_NOTADB for a wrong key or a
 * damaged first page) if the schema cannot be read: the caller tells the two apart.
 */
/** Every commit flushed to disk; Store.applyInTransaction restores it after a refetchable page. */
export const DURABLE_SYNCHRONOUS = 'FULL';

export function openEncryptedConnection(
  path: string,
  key: Buffer,
  nativeBinding: string | undefined,
): Connection {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new Error(`The database key must be ${DATABASE_KEY_BYTES} bytes, got ${key.length}.`);
  }
  const db = new Database(path, nativeBinding === undefined ? {} : { nativeBinding });
  try {
    db.pragma(`cipher = '${CIPHER}'`);
    const literal = rawKeyLiteral(key);
    const rc = db.key(literal);
    literal.fill(0);
    if (rc !== 0) throw new Error(`sqlite3_key failed with code ${rc}`);
    // The first read decrypts page 1: a wrong key or a damaged header fails here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const journalMode: unknown = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') throw new Error(`journal_mode is ${String(journalMode)}, not wal`);
    // FULL: a commit the engine acknowledged survives power loss, not only a crash.
    db.pragma(`synchronous = ${DURABLE_SYNCHRONOUS}`);
    // Deleted rows (an evicted patient) are zeroed, not left in free pages.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    // SQLite3MC encrypts the database, WAL and journal but not temporary files: keep
    // sorts and temporary tables in memory so no plaintext spills to disk.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLCipher's raw-key syntax `x'<64 hex>'`, built in a Buffer (not a string, which would
 * linger in the heap) so it can be zeroed. A raw key skips the KDF: the key is already
 * 256 random bits, stretching it would only slow every open.
 */
function rawKeyLiteral(key: Buffer): Buffer {
  const hex = '0123456789abcdef';
  const literal = Buffer.alloc(key.length * 2 + 3);
  literal.write("x'", 0, 'latin1');
  for (let i = 0; i < key.length; i += 1) {
    const byte = key[i] ?? 0;
    literal[2 + i * 2] = hex.charCodeAt(byte >> 4);
    literal[3 + i * 2] = hex.charCodeAt(byte & 15);
  }
  literal.write("'", literal.length - 1, 'latin1');
  return literal;
}

/**
 * A key check beside the database: HMAC(key, label). A damaged first page and a wrong key
 * both surface as SQLITE_NOTADB; this tells them apart without revealing anything about the
 * key, so a wrong key is never mistaken for corruption (which would discard the database).
 */
const keyCheckLabel = 'typed-cbt-clinician local store key check v1';

export function keyCheckOf(key: Buffer): Buffer {
  return createHmac('sha256', key).update(keyCheckLabel).digest();
}

export function writeKeyCheck(path: string, key: Buffer): void {
  writeFileAtomically(path, keyCheckOf(key).toString('hex'));
}

/** True only when a key check exists and matches: absence proves nothing. */
export function keyCheckMatches(path: string, key: Buffer): boolean {
  if (!existsSync(path)) return false;
  const stored = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  const expected = keyCheckOf(key);
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
