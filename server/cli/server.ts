import { pino } from 'pino';
import { startReferenceServer } from '../index';
import { databaseFromEnv, geoipFromEnv, trustProxyFromEnv } from './env';

// npm run server — PORT, HOST, DATABASE_URL, DATA_DIR, GEOIP_MAXMIND_DB / GEOIP_CIDR_FILE,
// TRUST_PROXY, DEMO_MODE (default on), SEED (default 1), LOG_LEVEL.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const configured = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
};
const trustedProxies = configured(() => trustProxyFromEnv());
const server = await startReferenceServer({
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 8787),
  database: databaseFromEnv(),
  seed: { profile: 'demo', seed: Number(process.env.SEED ?? 1) },
  demoMode: process.env.DEMO_MODE !== 'false',
  geoip: geoipFromEnv(),
  trustedProxies,
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
