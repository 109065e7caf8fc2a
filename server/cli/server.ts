import { pino } from 'pino';
import { startReferenceServer } from '../index';
import {
  databaseFromEnv,
  demoModeFromEnv,
  geoipFromEnv,
  parseFlags,
  refreshGraceFromEnv,
  trustProxyFromEnv,
} from './env';

// npm run server [-- --demo] — PORT, HOST, DATABASE_URL, DATA_DIR, GEOIP_MAXMIND_DB /
// GEOIP_CIDR_FILE, TRUST_PROXY (proxy addresses/CIDRs), DEMO_MODE (default off), SEED (demo
// seed, default 1), REFRESH_REUSE_GRACE_SECONDS (default 60), LOG_LEVEL.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const configured = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
};
const { flags } = parseFlags(process.argv.slice(2));
const trustedProxies = configured(() => trustProxyFromEnv());
const demoMode = configured(() => demoModeFromEnv(process.env, flags));
const refreshReuseGraceSeconds = configured(() => refreshGraceFromEnv());
if (demoMode)
  logger.warn(
    { demoMode },
    'Demo mode is on: GET /demo/accounts serves the seeded accounts with their passwords and TOTP secrets, and codes may be reused. Synthetic data only; never for real patients.',
  );
else
  logger.info(
    { demoMode },
    'Demo mode is off: no demo accounts are served and the database is not seeded. Start with --demo (or DEMO_MODE=true) for the synthetic demo service.',
  );
const server = await startReferenceServer({
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
  database: databaseFromEnv(),
  // The demo seed's accounts have deterministic passwords and TOTP secrets: demo only.
  ...(demoMode ? { seed: { profile: 'demo', seed: Number(process.env.SEED ?? 1) } } : {}),
  demoMode,
  geoip: geoipFromEnv(),
  trustedProxies,
  ...(refreshReuseGraceSeconds !== undefined ? { refreshReuseGraceSeconds } : {}),
  logger,
});
logger.info({ url: server.url }, 'reference server listening');
const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
