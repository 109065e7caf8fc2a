/**
 * Full-text search timed the same way in two stores: the store the sync filled and the store
 * the raw-insert limit filled with the same transcripts. Both are opened here, in this
 * process, and searched through the store's own query (`store.transcripts.search`, the one
 * the core answers the UI with), so the ratio compares the indexes, not the paths to them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { unsealWithSecret } from '../../../electron/core/keys/device-key';
import { openStore } from '../../../electron/core/store';
import { SEARCH_WORDS } from './search-words';

export { SEARCH_WORDS };

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Median of `runs` searches cycling through SEARCH_WORDS, 50 hits each (as the UI asks). */
export function ftsMedianMs(directory: string, key: Buffer, runs = 50): number {
  const { store } = openStore({ directory, key: Buffer.from(key) });
  try {
    for (const word of SEARCH_WORDS) store.transcripts.search(word, 50); // warm the cache
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      store.transcripts.search(SEARCH_WORDS[i % SEARCH_WORDS.length] ?? 'week', 50);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    store.close();
  }
}

/** The folder under `dataDir` holding the device's store, and its key (passcode-sealed). */
export async function syncedStoreOf(
  dataDir: string,
  passcode: string,
): Promise<{ directory: string; key: Buffer; fileMb: number }> {
  const find = (dir: string): string | null => {
    if (existsSync(path.join(dir, 'database-key.json')) && existsSync(path.join(dir, 'store.db')))
      return dir;
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) {
        const found = find(path.join(dir, entry.name));
        if (found) return found;
      }
    return null;
  };
  const directory = find(dataDir);
  if (!directory) throw new Error(`no device store under ${dataDir}`);
  const key = await unsealWithSecret(directory, 'passcode', passcode);
  if (!key) throw new Error('the bench passcode does not open the synced store');
  return { directory, key, fileMb: statSync(path.join(directory, 'store.db')).size / 2 ** 20 };
}
