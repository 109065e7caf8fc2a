/**
 * `npm run bench:feed`: the server's share of a first sync alone — the large profile seeded
 * in its own process (test/bench/support/large-server.ts), then a bare client pulling every
 * page of Jordan Blake's feed, three times (the first after the seed, then twice more). No
 * build, no client: a quick before/after for the feed's serving cost (issue 12). Prints the
 * figures; `npm run bench` remains the reference. FEED_CPU_PROF=<dir> profiles the server.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { bareInitialPull } from './support/bare-client';

const root = path.resolve(import.meta.dirname, '../..');
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (message: string): void => console.error(`[feed] ${message}`);

const server = fork(path.join(root, 'test/bench/support/large-server.ts'), [], {
  execArgv: [
    '--import',
    'tsx',
    // FEED_CPU_PROF=<dir>: a V8 CPU profile of the server's process.
    ...(process.env['FEED_CPU_PROF']
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env['FEED_CPU_PROF']}`]
      : []),
  ],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
});
const { url, seedSeconds } = await new Promise<{ url: string; seedSeconds: number }>(
  (resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+) (.*)\n/.exec(out);
      if (match?.[1] && match[2])
        resolve({ url: match[1], ...(JSON.parse(match[2]) as { seedSeconds: number }) });
    });
    server.once('exit', (code) => reject(new Error(`large server exited ${code}`)));
  },
);
log(
  `seeded in ${round(seedSeconds, 1)} s; load ${loadavg()
    .map((l) => round(l))
    .join(' ')}`,
);
const accounts = (await (await fetch(`${url}/demo/accounts`)).json()) as {
  accounts: { email: string; password: string; displayName: string; totpSecret: string }[];
};
const jordan = accounts.accounts.find((a) => a.displayName === 'Jordan Blake');
if (!jordan) throw new Error('the large profile has no Jordan Blake');
for (const run of [1, 2, 3]) {
  const bare = await bareInitialPull(url, jordan);
  log(
    `pull ${run}: ${round(bare.seconds)} s (core ${round(bare.laneSeconds.core)} s, transcripts ${round(bare.laneSeconds.transcripts)} s), ${bare.pages} pages, ${round(bare.bytes / 2 ** 20, 1)} MiB, ${bare.changes.core} + ${bare.changes.transcripts} changes; load ${loadavg()
      .map((l) => round(l))
      .join(' ')}`,
  );
}
server.kill('SIGTERM');
