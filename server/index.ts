import { pino, type Logger } from 'pino';
import type { DemoAccount } from '../shared/api';
import { buildApp } from './app';
import { loadOrCreateServerKeys } from './auth/keys';
import { authSettingsFor } from './auth/settings';
import { forgetOldThrottleRows } from './auth/throttle';
import { type Database, type DatabaseOptions, openDatabase } from './db/database';
import { migrate } from './db/migrations';
import { type GeoIpOptions, createCountryResolver } from './geo/countryResolver';
import { requireProxyList } from './geo/trustedProxies';
import { type SeedProfile, demoAccounts, isSeeded, seedDatabase } from './seed/seed';
import { sweepScopes } from './sync/scopeChanges';

export type { Database, DatabaseOptions, PgliteWorkerEntry } from './db/database';
export type { GeoIpOptions, CountryResolver } from './geo/countryResolver';
export type { SeedProfile } from './seed/seed';

export interface ReferenceServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port (read it from the result). */
  port?: number;
  /**
   * Default: in-memory PGlite. `external`: an already open Database (tests, tools sharing an
   * in-memory PGlite); the server then leaves it open on close.
   */
  database?: DatabaseOptions | { kind: 'external'; database: Database };
  /** Seeds the database when it holds no organisation yet. */
  seed?: { profile: SeedProfile; seed: number };
  /**
   * Enables GET /demo/accounts (passwords and TOTP secrets of the seeded accounts), and with
   * it lets an authenticator code sign in more than once. Never in production. Default false.
   */
  demoMode?: boolean;
  /** Default: the development CIDR table in resources/geoip (loopback ranges → countries). */
  geoip?: GeoIpOptions;
  /**
   * Addresses/CIDRs of the proxies in front of the server: X-Forwarded-For is believed only as
   * far as they vouch for it. Default none (the header is ignored). `true` is refused.
   */
  trustedProxies?: readonly string[];
  /** A pino logger, or false for silence. Default: pino at level 'warn'. */
  logger?: Logger | false;
  /**
   * Seconds during which the immediately previous refresh token of a family still gets a
   * working pair (a retry after a lost response). Default 60.
   */
  refreshReuseGraceSeconds?: number;
  /** Interval of the scope sweep (ended supervision, retention); 0 disables. Default 60 s. */
  sweepIntervalMs?: number;
}

export interface ReferenceServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Seeded demo accounts have deterministic passwords and TOTP secrets: anyone can sign in. */
const warnOfPublicDemoAccounts = async (db: Database, logger: Logger) => {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM demo_credentials');
  if (row && row.n > 0)
    logger.warn(
      { demoAccounts: row.n },
      'This database holds seeded demo accounts whose passwords and TOTP secrets are public (the demo seed is deterministic). Do not use it for real patients.',
    );
};

/**
 * Starts the reference backend in this process: opens (and migrates) the database, seeds it
 * on first start when asked, and listens. The desktop app and the preview host embed this;
 * `npm run server` is a thin CLI over it.
 */
export const startReferenceServer = async (
  options: ReferenceServerOptions = {},
): Promise<ReferenceServer> => {
  const logger = options.logger === undefined ? pino({ level: 'warn' }) : options.logger;
  // Before anything is opened: a configuration error stops the start, clearly.
  const trustedProxies = requireProxyList(options.trustedProxies);
  const target = options.database ?? { kind: 'pglite' };
  const external = target.kind === 'external';
  const db = target.kind === 'external' ? target.database : await openDatabase(target);
  const closeDb = () => (external ? Promise.resolve() : db.close());
  try {
    await migrate(db);
    if (options.seed && !(await isSeeded(db))) {
      const report = await seedDatabase(db, options.seed);
      if (logger)
        logger.info(
          {
            profile: report.profile,
            seed: report.seed,
            ms: report.milliseconds,
            counts: report.counts,
          },
          'seeded',
        );
    }
    if (!options.demoMode && logger) await warnOfPublicDemoAccounts(db, logger);
    const keys = await loadOrCreateServerKeys(db);
    const countries = await createCountryResolver(options.geoip);
    const listDemoAccounts: (() => Promise<DemoAccount[]>) | null = options.demoMode
      ? () => demoAccounts(db)
      : null;
    const app = buildApp({
      db,
      keys,
      countries,
      trustedProxies,
      demoAccounts: listDemoAccounts,
      auth: authSettingsFor({
        demoMode: options.demoMode ?? false,
        ...(options.refreshReuseGraceSeconds !== undefined
          ? { refreshReuseGraceSeconds: options.refreshReuseGraceSeconds }
          : {}),
      }),
      logger,
    });
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
    const sweepEvery = options.sweepIntervalMs ?? 60_000;
    const sweep =
      sweepEvery > 0
        ? setInterval(() => {
            sweepScopes(db).catch(
              (error: unknown) => logger && logger.error({ err: error }, 'scope sweep failed'),
            );
            forgetOldThrottleRows(db).catch(
              (error: unknown) => logger && logger.error({ err: error }, 'throttle sweep failed'),
            );
          }, sweepEvery)
        : null;
    sweep?.unref();
    const host = options.host ?? '127.0.0.1';
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      close: async () => {
        if (sweep) clearInterval(sweep);
        await app.close();
        await closeDb();
      },
    };
  } catch (error) {
    await closeDb().catch(() => undefined);
    throw error;
  }
};
