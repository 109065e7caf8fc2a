import {
  type CryptoKey,
  type JWK,
  exportJWK,
  generateKeyPair,
  importJWK,
  calculateJwkThumbprint,
} from 'jose';
import type { Database } from '../db/database';

export interface ServerKeys {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK & { kid: string };
}

/**
 * The server's Ed25519 signing key (tokens, offline leases, location attestations) lives in
 * the database so every API node behind the load balancer signs and verifies alike.
 */
export const loadOrCreateServerKeys = async (db: Database): Promise<ServerKeys> => {
  const stored = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(727002)');
    const [existing] = await tx.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
      'SELECT kid, private_jwk, public_jwk FROM server_keys ORDER BY created_at DESC LIMIT 1',
    );
    if (existing) return existing;
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
      crv: 'Ed25519',
      extractable: true,
    });
    const public_jwk = await exportJWK(publicKey);
    const private_jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(public_jwk);
    await tx.query(
      'INSERT INTO server_keys (kid, private_jwk, public_jwk) VALUES ($1, $2::jsonb, $3::jsonb)',
      [kid, JSON.stringify(private_jwk), JSON.stringify(public_jwk)],
    );
    return { kid, private_jwk, public_jwk };
  });
  const privateKey = (await importJWK(stored.private_jwk, 'EdDSA')) as CryptoKey;
  const publicKey = (await importJWK(stored.public_jwk, 'EdDSA')) as CryptoKey;
  return {
    kid: stored.kid,
    privateKey,
    publicKey,
    publicJwk: { ...stored.public_jwk, kid: stored.kid },
  };
};
