/**
 * A bare HTTP client of the reference server: signs in as a new device and pulls every page
 * of both lanes with the client's page sizes, reading each body and nothing more. What it
 * takes is the server's (and the wire's) share of an initial sync: no validation, no store.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { generate } from 'otplib';
import { TRANSCRIPT_PAGE_MAX, type Transcript } from '../../../shared/api';

export interface BareAccount {
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
}

export interface BarePull {
  readonly seconds: number;
  readonly pages: number;
  readonly laneSeconds: { readonly core: number; readonly transcripts: number };
  readonly bytes: number;
  readonly changes: { readonly core: number; readonly transcripts: number };
  /** The transcripts as the server sent them (for the raw-insert limit on the same text). */
  readonly transcripts: Transcript[];
}

interface WirePage {
  changes: { entity: string; data: unknown }[];
  nextCursor: string;
  hasMore: boolean;
}

export async function bareInitialPull(serverUrl: string, account: BareAccount): Promise<BarePull> {
  const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const signIn = await fetch(`${serverUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: account.email,
      password: account.password,
      totp: await generate({ secret: account.totpSecret }),
      device: {
        name: 'Bench bare client',
        platform: 'linux',
        publicKey: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
      },
    }),
  });
  if (!signIn.ok) throw new Error(`bare client sign-in: ${signIn.status} ${await signIn.text()}`);
  const grant = (await signIn.json()) as { tokens: { accessToken: string } };
  const headers = { authorization: `Bearer ${grant.tokens.accessToken}` };

  const bodies: { lane: 'core' | 'transcripts'; text: string }[] = [];
  const started = performance.now();
  const laneSeconds = { core: 0, transcripts: 0 };
  for (const [lane, limit] of [
    ['core', 1000],
    ['transcripts', TRANSCRIPT_PAGE_MAX],
  ] as const) {
    let after = '0';
    const laneStarted = performance.now();
    for (;;) {
      const response = await fetch(
        `${serverUrl}/sync/pull?lane=${lane}&after=${after}&limit=${limit}`,
        { headers },
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`bare client pull: ${response.status} ${text}`);
      bodies.push({ lane, text });
      // The cursor is all a bare client reads of a page: it sits at the end of the body.
      const end = text.slice(-200);
      const cursor = /"nextCursor":"(\d+)"/.exec(end)?.[1];
      const more = /"hasMore":(true|false)/.exec(end)?.[1];
      if (!cursor || !more) throw new Error('bare client: no cursor at the end of a page');
      after = cursor;
      if (more === 'false') break;
    }
    laneSeconds[lane] = (performance.now() - laneStarted) / 1000;
  }
  const seconds = (performance.now() - started) / 1000;

  // Outside the clock: what the pages held.
  const changes = { core: 0, transcripts: 0 };
  const transcripts: Transcript[] = [];
  let bytes = 0;
  for (const { lane, text } of bodies) {
    bytes += Buffer.byteLength(text);
    const page = JSON.parse(text) as WirePage;
    changes[lane] += page.changes.length;
    for (const change of page.changes)
      if (change.entity === 'transcript' && change.data)
        transcripts.push(change.data as Transcript);
  }
  return { seconds, laneSeconds, pages: bodies.length, bytes, changes, transcripts };
}
