import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../electron/core/store';
import type { Store } from '../../../../electron/core/store';
import { temporaryDeviceDirectory } from './fixtures';

const ITERATIONS = 50;
const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const { directory, cleanup } = temporaryDeviceDirectory();
afterAll(() => cleanup());

/** Run the child until a random moment after it is ready, SIGKILL it, return its acks. */
function runAndKill(keyHex: string, seed: number, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', child, directory, keyHex, String(seed)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (timer === undefined && out.startsWith('ready\n')) {
        timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err}`));
      else resolve(out.split('\n').filter((line) => line.length > 0 && line !== 'ready'));
    });
  });
}

function verify(store: Store, acked: { pages: number; autosaves: number }): void {
  expect(store.integrityCheck()).toBe('ok');
  // The cursor and the pages it follows were committed together: all pages up to the
  // cursor are there whole, none after it.
  const cursor = Number(store.cursors.get('transcripts') ?? 0);
  expect(cursor).toBeGreaterThanOrEqual(acked.pages);
  const headers = store.transcripts.listForPatient('crash-patient');
  expect(headers.map((h) => h.id).sort()).toEqual(
    Array.from({ length: cursor }, (_, i) => `crash-page-${i + 1}`).sort(),
  );
  expect(headers.every((h) => h.utteranceCount === 60)).toBe(true);
  // Every acknowledged autosave is in the outbox, and the draft is the newest committed one.
  const unsettled = store.outbox.listUnsettled();
  const seqs = unsettled.map((e) => e.seq);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  expect(seqs.length).toBeGreaterThanOrEqual(acked.autosaves);
  const draft = store.noteDrafts.get('crash-note');
  if (seqs.length > 0) expect(draft?.body.startsWith(`autosave ${seqs.length}:`)).toBe(true);
}

describe('crash safety', () => {
  it(`keeps every acknowledged write through ${ITERATIONS} SIGKILLs at random points`, async () => {
    const key = randomBytes(32);
    const keyHex = key.toString('hex');
    openStore({ directory, key: Buffer.from(key) }).store.close();
    const acked = { pages: 0, autosaves: 0 };
    let kills = 0;
    let writesAcked = 0;
    for (let i = 1; i <= ITERATIONS; i += 1) {
      const seed = (Date.now() ^ (i * 2654435761)) >>> 0;
      const lines = await runAndKill(keyHex, seed, 5 + Math.floor(Math.random() * 120));
      kills += 1;
      writesAcked += lines.length;
      for (const line of lines) {
        const [kind, n] = line.split(' ');
        if (kind === 'page') acked.pages = Math.max(acked.pages, Number(n));
        if (kind === 'autosave') acked.autosaves = Math.max(acked.autosaves, Number(n));
      }
      const { store, recovery } = openStore({ directory, key: Buffer.from(key) });
      try {
        expect(recovery, `iteration ${i} (seed ${seed})`).toBeNull();
        verify(store, acked);
      } finally {
        store.close();
      }
    }
    expect(kills).toBe(ITERATIONS);
    expect(writesAcked).toBeGreaterThan(ITERATIONS); // the kills landed while writing
  }, 300_000); // 50 child processes and their restarts: ~55 s alone, ~90 s beside another suite
});
