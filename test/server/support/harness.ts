import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { pino } from 'pino';
import { generate } from 'otplib';
import {
  type DemoAccount,
  DemoAccountsResponse,
  type Mutation,
  type PullResponse,
  SessionGrant,
} from '../../../shared/api';
import {
  type ReferenceServer,
  type ReferenceServerOptions,
  startReferenceServer,
} from '../../../server';
import { type Database, type DatabaseTestSeams, openDatabase } from '../../../server/db/database';
import { demoAccounts as seededAccounts } from '../../../server/seed/seed';
import type { Backend } from './backends';
import { arrangingDatabase } from '../../support/arranging-database';
import { type RequestOptions, call } from './client';

export const SEED = 7;

export interface TestServer {
  server: ReferenceServer;
  url: string;
  /**
   * A second connection to the same database, for arranging scope changes and asserting rows;
   * its writes make the server render records again from their rows (arranging-database.ts).
   */
  db: Database;
  /** The same database without that seam: for tests of the rendered documents themselves. */
  rawDb: Database;
  accounts: DemoAccount[];
  account(displayName: string): DemoAccount;
  get(path: string, options?: RequestOptions): ReturnType<typeof call>;
  post(path: string, body: unknown, options?: RequestOptions): ReturnType<typeof call>;
  close(): Promise<void>;
}

/**
 * Starts a seeded demo server on a fresh database of the backend. In-memory PGlite cannot be
 * opened twice, so the test opens it and hands it to the server; PostgreSQL gets a second pool.
 */
export const startTestServer = async (
  backend: Backend,
  extra: Partial<ReferenceServerOptions> = {},
  /** Data-layer test seams: the server and `db` then share one Database on either backend. */
  seams?: DatabaseTestSeams,
): Promise<TestServer> => {
  const database = await backend.database();
  // PGlite in-memory cannot be opened twice: share one instance through a data dir-less handle.
  const shared =
    database.kind === 'pglite' || seams ? await openDatabase({ ...database, seams }) : null;
  const server = await startReferenceServer({
    database: shared ? { kind: 'external', database: shared } : database,
    seed: { profile: 'demo', seed: SEED },
    demoMode: true,
    // TEST_SERVER_LOG=debug shows the server's own log (errors behind a 500).
    logger: process.env.TEST_SERVER_LOG ? pino({ level: process.env.TEST_SERVER_LOG }) : false,
    sweepIntervalMs: 0,
    ...extra,
  });
  const db = shared ?? (await openDatabase(database));
  const get = (path: string, options?: RequestOptions) =>
    call(server.url, 'GET', path, undefined, options);
  const post = (path: string, body: unknown, options?: RequestOptions) =>
    call(server.url, 'POST', path, body, options);
  // Outside demo mode the server does not publish the seeded accounts: read them directly.
  const accounts =
    extra.demoMode === false
      ? await seededAccounts(db)
      : DemoAccountsResponse.parse((await get('/demo/accounts')).body).accounts;
  return {
    server,
    url: server.url,
    db: arrangingDatabase(db),
    rawDb: db,
    accounts,
    account: (displayName) => {
      const found = accounts.find((a) => a.displayName === displayName);
      if (!found) throw new Error(`no demo account ${displayName}`);
      return found;
    },
    get,
    post,
    close: async () => {
      await server.close();
      // The server leaves a shared (external) Database open; this handle owns it.
      await db.close();
    },
  };
};

export const deviceRegistration = async (name = 'Test laptop') => {
  const { publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  return {
    name,
    platform: 'linux' as const,
    publicKey: { kty: 'OKP' as const, crv: 'Ed25519' as const, x: jwk.x ?? '' },
  };
};

export interface Session {
  grant: SessionGrant;
  token: string;
  deviceId: string;
  userId: string;
  seq: number;
  pull(
    lane: 'core' | 'transcripts',
    after?: string,
    limit?: number,
    options?: RequestOptions,
  ): Promise<PullResponse>;
  pullAll(lane: 'core' | 'transcripts'): Promise<PullResponse[]>;
  push(
    mutations: Omit<Mutation, 'seq' | 'id'>[],
    options?: RequestOptions,
  ): ReturnType<typeof call>;
}

export const signIn = async (
  t: TestServer,
  account: DemoAccount,
  options: RequestOptions = {},
): Promise<Session> => {
  const response = await t.post(
    '/auth/sign-in',
    {
      email: account.email,
      password: account.password,
      totp: await generate({ secret: account.totpSecret }),
      device: await deviceRegistration(),
    },
    options,
  );
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  const grant = SessionGrant.parse(response.body);
  const session: Session = {
    grant,
    token: grant.tokens.accessToken,
    deviceId: grant.deviceId,
    userId: grant.user.id,
    seq: 0,
    pull: async (lane, after = '0', limit = 1000, opts = {}) => {
      const r = await t.get(`/sync/pull?lane=${lane}&after=${after}&limit=${limit}`, {
        token: session.token,
        ...opts,
      });
      if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as PullResponse;
    },
    pullAll: async (lane) => {
      const pages: PullResponse[] = [];
      let after = '0';
      for (;;) {
        const page = await session.pull(lane, after);
        pages.push(page);
        after = page.nextCursor;
        if (!page.hasMore) return pages;
      }
    },
    push: (mutations, opts = {}) =>
      t.post(
        '/sync/push',
        {
          deviceId: session.deviceId,
          mutations: mutations.map((m) => ({ ...m, seq: ++session.seq, id: randomUUID() })),
        },
        { token: session.token, ...opts },
      ),
  };
  return session;
};
