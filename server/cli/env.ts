import { resolve } from 'node:path';
import type { DatabaseOptions } from '../db/database';
import type { GeoIpOptions } from '../geo/countryResolver';

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

/** TRUST_PROXY: unset/false → off; true → any; otherwise comma-separated proxy addresses/CIDRs. */
export const trustProxyFromEnv = (env = process.env): boolean | string[] => {
  const value = env.TRUST_PROXY?.trim();
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  return value.split(',').map((s) => s.trim());
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
