import { resolve } from 'node:path';
import type { DatabaseOptions } from '../db/database';
import type { GeoIpOptions } from '../geo/countryResolver';
import { trustedProxiesFromText } from '../geo/trustedProxies';

/** DATABASE_URL → PostgreSQL; otherwise PGlite in DATA_DIR (default .data/server). */
export const databaseFromEnv = (env = process.env): DatabaseOptions =>
  env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.DATA_DIR ?? '.data/server') };

/** GEOIP_MAXMIND_DB=path → MaxMind; else GEOIP_CIDR_FILE or the dev table. */
export const geoipFromEnv = (env = process.env): GeoIpOptions =>
  env.GEOIP_MAXMIND_DB
    ? { kind: 'maxmind', databasePath: env.GEOIP_MAXMIND_DB }
    : { kind: 'cidr', ...(env.GEOIP_CIDR_FILE ? { file: env.GEOIP_CIDR_FILE } : {}) };

/** TRUST_PROXY: unset/false → off; otherwise comma-separated proxy addresses/CIDRs (never `true`). */
export const trustProxyFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  trustedProxiesFromText(env.TRUST_PROXY);

/**
 * Demo mode (GET /demo/accounts with passwords and TOTP secrets, a seeded synthetic service,
 * reusable codes) only when asked: `--demo` or DEMO_MODE=true. Anything else unclear stops.
 */
export const demoModeFromEnv = (
  env: NodeJS.ProcessEnv = process.env,
  flags: Record<string, string | true> = {},
): boolean => {
  if (flags['demo'] === true) return true;
  const value = env.DEMO_MODE?.trim().toLowerCase() ?? '';
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new Error(`DEMO_MODE must be true or false, not ${JSON.stringify(env.DEMO_MODE)}.`);
};

/**
 * REFRESH_REUSE_GRACE_SECONDS: how long the previous refresh token of a family still works
 * after a rotation (a lost response). Unset: the server's default (60 s).
 */
export const refreshGraceFromEnv = (env: NodeJS.ProcessEnv = process.env): number | undefined => {
  const value = env.REFRESH_REUSE_GRACE_SECONDS?.trim();
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (!/^\d+$/.test(value) || seconds > 3600)
    throw new Error(
      `REFRESH_REUSE_GRACE_SECONDS must be a whole number of seconds from 0 to 3600, not ${JSON.stringify(value)}.`,
    );
  return seconds;
};

/** `--name value` pairs and `--flag`s. */
export const parseFlags = (argv: string[]) => {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[arg.slice(2)] = next;
        i++;
      } else flags[arg.slice(2)] = true;
    } else positional.push(arg);
  }
  return { flags, positional };
};
