import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway PostgreSQL cluster for the server suites: initdb into a temp dir, pg_ctl start on
// a free loopback port, removed afterwards. TEST_DATABASE_URL (a server we may CREATE DATABASE
// on) replaces it. Without binaries: fail loudly on CI, skip with the reason elsewhere.

const binDir = (): string | null => {
  if (process.env.PG_BIN_DIR)
    return existsSync(join(process.env.PG_BIN_DIR, 'initdb')) ? process.env.PG_BIN_DIR : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  const preferred = versions.includes('15')
    ? ['15', ...versions.filter((v) => v !== '15')]
    : versions;
  return (
    preferred
      .map((v) => join(root, v, 'bin'))
      .find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null
  );
};

export type ClusterAvailability =
  { available: true; mode: 'url' | 'local'; bin?: string } | { available: false; reason: string };

export const postgresAvailability = (): ClusterAvailability => {
  if (process.env.TEST_DATABASE_URL) return { available: true, mode: 'url' };
  const bin = binDir();
  if (!bin)
    return {
      available: false,
      reason:
        'no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt install postgresql-15) and TEST_DATABASE_URL unset',
    };
  return { available: true, mode: 'local', bin };
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary; as root, as the `postgres` user (initdb refuses root). */
const runAsPostgres = (file: string, args: string[]) => {
  const [command, commandArgs] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', file, ...args]]
    : [file, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0)
    throw new Error(`${file} failed (${result.status}): ${result.stderr || result.stdout}`);
};

export interface PostgresCluster {
  /** The maintenance database's URL (a server we may CREATE DATABASE on). */
  adminUrl: string;
  /** A fresh, empty database on the cluster. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export const startPostgresCluster = async (
  availability: Extract<ClusterAvailability, { available: true }>,
  /** Server settings of a local cluster (`-c name=value`), e.g. an extension to preload. */
  settings: Readonly<Record<string, string>> = {},
): Promise<PostgresCluster> => {
  const { default: pg } = await import('pg');
  const adminUrl = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
    if (availability.mode === 'url')
      return { url: process.env.TEST_DATABASE_URL ?? '', stop: async () => undefined };
    const bin = availability.bin ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
    const socketDir = join(dir, 'socket');
    if (isRoot()) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const dataDir = join(dir, 'data');
    runAsPostgres(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    runAsPostgres('/bin/mkdir', ['-p', socketDir]);
    const port = await freePort();
    const extra = Object.entries(settings)
      .map(([name, value]) => ` -c ${name}=${value}`)
      .join('');
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300${extra}`;
    runAsPostgres(join(bin, 'pg_ctl'), [
      '-D',
      dataDir,
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        try {
          runAsPostgres(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  };
  const admin = await adminUrl();
  const created: string[] = [];
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    adminUrl: admin.url,
    createDatabase: async () => {
      const name = `cbt_test_${process.pid}_${Date.now()}_${counter++}`;
      await query(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(admin.url);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: async () => {
      if (availability.mode === 'url')
        for (const name of created)
          await query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await admin.stop();
    },
  };
};
