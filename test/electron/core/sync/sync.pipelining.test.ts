import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../shared/api';
import { createServerClock } from '../../../../electron/core/clock';
import type { Durability } from '../../../../electron/core/store';
import { SyncEngine } from '../../../../electron/core/sync/sync-engine';
import type { SyncApi } from '../../../../electron/core/sync/sync-api';
import { newKey, open, patientRecord, temporaryDeviceDirectory } from '../store/fixtures';

/**
 * The engine asks for page N+1 before it applies page N, so the server's work and the wire
 * overlap with the local transaction. Asking is not enough: Node's HTTP client writes a
 * request on a later turn of the event loop (the socket is attached on a later tick), so a
 * page applied in the same turn holds the request back until the transaction is over, and
 * client and server take turns, each idle half the time (seen in a CPU profile of both during
 * `npm run bench`). This API writes its requests the way Node's does: on a later turn.
 */
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const serverTime = new Date().toISOString();
const page = (n: number, pages: number): PullResponse => {
  const record = patientRecord(`Given${n}`, `Family${n}`);
  return {
    serverTime,
    lane: 'core',
    changes: [
      {
        lane: 'core',
        cursor: String(n),
        entity: 'patient',
        op: 'upsert',
        id: record.id,
        version: 1,
        scope: record.scope,
        data: record.data,
      },
    ],
    evictions: [],
    nextCursor: String(n),
    hasMore: n < pages,
  } as PullResponse;
};

describe('pulling a lane', () => {
  it('puts the request for the next page on the wire before applying the current one', async () => {
    const dir = temporaryDeviceDirectory();
    const { store } = open(dir.directory, newKey());
    cleanup = () => {
      store.close();
      dir.cleanup();
    };
    const events: string[] = [];
    const durabilities: (string | undefined)[] = [];
    const applyInTransaction = store.applyInTransaction.bind(store);
    store.applyInTransaction = ((fn: () => unknown, durability?: Durability) => {
      events.push('apply');
      durabilities.push(durability);
      return applyInTransaction(fn as () => void, durability);
    }) as typeof store.applyInTransaction;
    const checkpoint = store.checkpoint.bind(store);
    store.checkpoint = () => {
      events.push('checkpoint');
      checkpoint();
    };

    const PAGES = 4;
    const api: SyncApi = {
      pull: ({ lane, after }) =>
        new Promise((resolve) => {
          // The request leaves on a later turn (as http.request's does), then is answered.
          setImmediate(() => {
            events.push(`sent ${lane} ${after}`);
            setImmediate(() =>
              resolve(
                lane === 'core'
                  ? page(Number(after) + 1, PAGES)
                  : { ...page(0, 0), lane, changes: [], nextCursor: '0', hasMore: false },
              ),
            );
          });
        }),
      push: async () => ({ serverTime, results: [] }) as never,
      checksums: async () => ({ serverTime, lane: 'core', scopes: [] }) as never,
    };
    const engine = new SyncEngine({
      store,
      api,
      deviceId: '7d1f3c2a-0000-4000-8000-0000000000dd',
      clock: createServerClock(),
      onStatus: () => {},
      onDataChanged: () => {},
      setTimer: () => ({ cancel: () => {} }),
    });
    await engine.syncNow();

    // The core lane's part (the transcripts lane follows it).
    const core = events
      .slice(0, events.indexOf('sent transcripts 0'))
      .filter((e) => e === 'apply' || e.startsWith('sent core'));
    // Each page but the last: the next request is sent, then the page is applied.
    expect(core).toEqual([
      'sent core 0',
      'sent core 1',
      'apply',
      'sent core 2',
      'apply',
      'sent core 3',
      'apply',
      'apply',
    ]);
    expect(store.records.count('patient')).toBe(PAGES);

    // The first download of each lane is refetchable (its commits need not reach the disk
    // one by one); a later round's pages are durable.
    expect(new Set(durabilities)).toEqual(new Set(['refetchable']));
    // Those pages left the WAL to grow: each lane's first download ends by folding it in, so
    // a person's next write does not pay for it.
    expect(events.filter((e) => e === 'apply' || e === 'checkpoint').slice(PAGES)).toEqual([
      'checkpoint',
      'apply',
      'checkpoint',
    ]);
    durabilities.length = 0;
    events.length = 0;
    await engine.syncNow();
    expect(events).not.toContain('checkpoint');
    expect(store.records.count('patient')).toBe(PAGES + 1);
    expect(durabilities).toContain('durable');
    expect(durabilities).not.toContain('refetchable');
  });
});
