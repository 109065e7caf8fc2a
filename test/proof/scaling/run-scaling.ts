import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoAccount } from '../../../shared/api';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface ScalePoint {
  scale: number;
  patients: number;
  utterances: number;
  feedRows: number;
  seedSeconds: number;
  syncSeconds: number;
  caseloadMs: number;
  deadlinesMs: number;
  patientMs: number;
  searchMs: number;
  dbMb: number;
  peakRssMb: number;
}

const lineFrom = (proc: ChildProcess, prefix: string): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line.slice(prefix.length));
    });
    proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.once('exit', (code) =>
      reject(new Error(`${prefix.trim()} never came (exit ${code}): ${err.slice(-1500)}`)),
    );
  });

const run = (file: string, args: string[]) =>
  spawn(process.execPath, ['--import', 'tsx', path.join(here, file), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * Part 4: the sync and query figures at several multiples of the `large` profile (250
 * patients, 400k utterances at 1×), each with a fresh server process and a fresh device
 * process, one after the other.
 */
export async function runScaling(
  scales: readonly number[],
  log: (line: string) => void = () => undefined,
  /** Start no new scale after this instant (epoch ms). */
  deadline?: number,
): Promise<ScalePoint[]> {
  const points: ScalePoint[] = [];
  for (const scale of scales) {
    if (deadline !== undefined && Date.now() > deadline) {
      log(`[scaling] ${scale}× skipped: time limit`);
      continue;
    }
    const server = run('scaled-server.ts', [String(scale)]);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'proof-scale-'));
    try {
      const [url = '', json = '{}'] = (await lineFrom(server, 'LISTENING ')).split(' ');
      const { counts, seedSeconds } = JSON.parse(json) as {
        counts: Record<string, number>;
        seedSeconds: number;
      };
      const accounts = (await (await fetch(`${url}/demo/accounts`)).json()) as {
        accounts: DemoAccount[];
      };
      const jordan = accounts.accounts.find((a) => a.displayName === 'Jordan Blake');
      const client = run('scaling-client.ts', [url, JSON.stringify(jordan), dataDir]);
      const figures = JSON.parse(await lineFrom(client, 'FIGURES ')) as Omit<
        ScalePoint,
        'scale' | 'utterances' | 'feedRows' | 'seedSeconds'
      >;
      points.push({
        scale,
        ...figures,
        utterances: counts['utterances'] ?? 0,
        feedRows: Object.entries(counts)
          .filter(
            ([t]) =>
              ![
                'organisations',
                'service_config',
                'pay_rates',
                'approved_countries',
                'users',
                'demo_credentials',
                'supervision_assignments',
              ].includes(t),
          )
          .reduce((n, [, c]) => n + c, 0),
        seedSeconds,
      });
      log(`[scaling] ${scale}×: ${JSON.stringify(points.at(-1))}`);
    } finally {
      server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return points;
}
