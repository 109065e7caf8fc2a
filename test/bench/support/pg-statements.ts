/**
 * What PostgreSQL does under `npm run bench:load` (LOAD_PG_STATEMENTS=1): `pg_stat_statements`
 * between the load generator's `mark` and `report`, and where the machine's CPU went
 * meanwhile (the server's process, the cluster's processes). Not a test: a profile of the
 * database side, for the figure the V8 profiles of the server cannot show.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** A local cluster's settings for `pg_stat_statements` (loaded at start, nested calls too). */
export const PG_STATEMENTS_SETTINGS = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.max': '2000',
} as const;

export interface StatementRow {
  readonly query: string;
  readonly calls: number;
  readonly totalMs: number;
  readonly meanMs: number;
  readonly rows: number;
}

export interface StatementReport {
  /** Every statement's calls and execution time, most time first (the top 25). */
  readonly top: readonly StatementRow[];
  readonly calls: number;
  readonly execMs: number;
  /** CPU seconds between mark and report: this server's process, the cluster's processes. */
  readonly serverCpuS: number;
  readonly clusterCpuS: number;
}

export type StatementMessage =
  | { readonly kind: 'pg-statements'; readonly op: 'mark' }
  | { readonly kind: 'pg-statements'; readonly op: 'report' };
export type StatementAnswer =
  | { readonly kind: 'pg-statements'; readonly op: 'marked' }
  | { readonly kind: 'pg-statements'; readonly op: 'report'; readonly report: StatementReport };

const isStatementMessage = (message: unknown): message is StatementMessage =>
  typeof message === 'object' &&
  message !== null &&
  (message as { kind?: unknown }).kind === 'pg-statements';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** A process's user + system CPU seconds from /proc (Linux), 0 once it has gone. */
const processCpuSeconds = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command's closing parenthesis: state is the first, utime the 12th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
};

/** Answer the load generator's messages for this server's database. */
export async function answerStatementReports(
  databaseUrl: string,
): Promise<{ close(): Promise<void> }> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const clusterCpu = async (): Promise<Map<number, number>> => {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity');
    return new Map(rows.map((r) => [r.pid, processCpuSeconds(r.pid)]));
  };
  let marked: { server: NodeJS.CpuUsage; cluster: Map<number, number> } | null = null;

  const answer = async (message: StatementMessage): Promise<StatementAnswer> => {
    if (message.op === 'mark') {
      await client.query('SELECT pg_stat_statements_reset()');
      marked = { server: process.cpuUsage(), cluster: await clusterCpu() };
      return { kind: 'pg-statements', op: 'marked' };
    }
    if (!marked) throw new Error('report before mark');
    const server = process.cpuUsage(marked.server);
    let clusterCpuS = 0;
    for (const [pid, seconds] of await clusterCpu())
      clusterCpuS += seconds - (marked.cluster.get(pid) ?? 0);
    const { rows } = await client.query<{
      query: string;
      calls: string;
      total_ms: number;
      mean_ms: number;
      rows: string;
    }>(
      `SELECT query, calls, total_exec_time AS total_ms, mean_exec_time AS mean_ms, rows
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_%'
        ORDER BY total_exec_time DESC`,
    );
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      kind: 'pg-statements',
      op: 'report',
      report: {
        top: rows.slice(0, 25).map((r) => ({
          query: r.query.replace(/\s+/g, ' ').slice(0, 240),
          calls: Number(r.calls),
          totalMs: round(r.total_ms),
          meanMs: round(r.mean_ms),
          rows: Number(r.rows),
        })),
        calls: rows.reduce((sum, r) => sum + Number(r.calls), 0),
        execMs: round(rows.reduce((sum, r) => sum + r.total_ms, 0)),
        serverCpuS: round((server.user + server.system) / 1e6),
        clusterCpuS: round(clusterCpuS),
      },
    };
  };
  const onMessage = (message: unknown): void => {
    if (!isStatementMessage(message)) return;
    void answer(message).then(
      (reply) => process.send?.(reply),
      (error: unknown) => {
        console.error('[pg-statements]', error);
        process.exit(1);
      },
    );
  };
  process.on('message', onMessage);
  return {
    async close() {
      process.off('message', onMessage);
      await client.end();
    },
  };
}

/** Ask the server's process (forked with an IPC channel) and wait for its answer. */
export function askStatements(
  child: {
    send(message: StatementMessage): boolean;
    on(event: 'message', listener: (message: unknown) => void): unknown;
    off(event: 'message', listener: (message: unknown) => void): unknown;
  },
  op: StatementMessage['op'],
): Promise<StatementAnswer> {
  return new Promise((resolve) => {
    const listener = (message: unknown): void => {
      if (
        typeof message !== 'object' ||
        message === null ||
        (message as { kind?: unknown }).kind !== 'pg-statements'
      )
        return;
      child.off('message', listener);
      resolve(message as StatementAnswer);
    };
    child.on('message', listener);
    child.send({ kind: 'pg-statements', op });
  });
}
