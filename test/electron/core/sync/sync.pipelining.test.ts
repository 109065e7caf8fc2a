import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../../shared/api';
import { createServerClock } from '../../../../electron/core/clock';
import type { Durability } from '../../../../electron/core/store';
import { peopleFirst } from '../../../../electron/core/sync/people-first';
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

/** A real encrypted store in a temporary directory, closed and removed after the test. */
const openStore = () => {
  const dir = temporaryDeviceDirectory();
  const { store } = open(dir.directory, newKey());
  cleanup = () => {
    store.close();
    dir.cleanup();
  };
  return store;
};

/** A pull-only API: no pushes, no drift. */
const pullOnly = (pull: SyncApi['pull']): SyncApi => ({
  pull,
  push: async () => ({ serverTime, results: [] }) as never,
  checksums: async () => ({ serverTime, lane: 'core', scopes: [] }) as never,
});

/** An engine on a real store, with no timers of its own: rounds run when the test runs them. */
const engineOn = (
  store: ConstructorParameters<typeof SyncEngine>[0]['store'],
  api: SyncApi,
  more: Partial<ConstructorParameters<typeof SyncEngine>[0]> = {},
): SyncEngine =>
  new SyncEngine({
    store,
    api,
    deviceId: '7d1f3c2a-0000-4000-8000-0000000000dd',
    clock: createServerClock(),
    onStatus: () => {},
    onDataChanged: () => {},
    setTimer: () => ({ cancel: () => {} }),
    ...more,
  });

describe('pulling a lane', () => {
  it('puts the request for the next page on the wire before applying the current one', async () => {
    const store = openStore();
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
    const api = pullOnly(
      ({ lane, after }) =>
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
    );
    const engine = engineOn(store, api);
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

describe('the background download and a person at the same time', () => {
  it('stores no page of transcripts between the calls of a screen asked one after another', async () => {
    const store = openStore();
    const events: string[] = [];
    let transcriptsAsked = 0;
    const applyInTransaction = store.applyInTransaction.bind(store);
    store.applyInTransaction = ((fn: () => unknown, durability?: Durability) => {
      if (transcriptsAsked > 0) events.push('store page');
      return applyInTransaction(fn as () => void, durability);
    }) as typeof store.applyInTransaction;

    // A grace far longer than a turn of the event loop, however loaded the machine: the
    // screen's calls come one turn apart.
    const people = peopleFirst({ graceMs: 500, maxDeferMs: 5_000 });
    /** A screen's calls, one after another as the UI makes them (each after the last answer). */
    const screen = async (): Promise<void> => {
      for (let call = 0; call < 6; call++) {
        const answered = people.begin();
        events.push('call');
        answered();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    let asking: Promise<void> | null = null;
    const TRANSCRIPT_PAGES = 8;
    const api = pullOnly(
      ({ lane, after }) =>
        new Promise((resolve) =>
          setImmediate(() => {
            if (lane === 'core') {
              resolve(page(1, 1));
              return;
            }
            transcriptsAsked += 1;
            // The person opens a screen while the second page of transcripts is on its way.
            if (transcriptsAsked === 2) asking = screen();
            const n = Number(after) + 1;
            resolve({
              ...page(0, 0),
              lane: 'transcripts',
              changes: [],
              nextCursor: String(n),
              hasMore: n < TRANSCRIPT_PAGES,
            } as PullResponse);
          }),
        ),
    );
    const engine = engineOn(store, api, { peopleFirst: people });
    await engine.syncNow();
    await asking;

    // Every call of the screen was answered before the next page was stored...
    const calls = events.flatMap((e, i) => (e === 'call' ? [i] : []));
    expect(calls).toHaveLength(6);
    expect(events.slice(calls[0], (calls.at(-1) ?? 0) + 1)).toEqual(Array(6).fill('call'));
    // ...and the download went on to its end once the screen was quiet.
    expect(events.filter((e) => e === 'store page')).toHaveLength(TRANSCRIPT_PAGES);
    expect(store.cursors.get('transcripts')).toBe(String(TRANSCRIPT_PAGES));
  });

  it('gives way for a bounded time: a screen that never goes quiet still lets pages through', async () => {
    // The deferral is decided on this clock: a call at every look, 5 ms apart.
    let clock = 0;
    const people = peopleFirst({ graceMs: 20, maxDeferMs: 60, now: () => clock });
    let resolved = false;
    const waiting = people.quiet().then(() => (resolved = true));
    while (!resolved) {
      clock += 5;
      people.begin()();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await waiting;
    expect(clock).toBeGreaterThanOrEqual(60);
    // Quiet (nobody called for the grace period): no wait beyond one turn of the event loop.
    clock += 20;
    let again = false;
    void people.quiet().then(() => (again = true));
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    expect(again).toBe(true);
  });

  it('counts a call already waiting in the queue when the page is ready', async () => {
    // The last call ended long ago; the next one arrived while the page was parsed, and its
    // message waits behind that work.
    const people = peopleFirst({ graceMs: 20, maxDeferMs: 250 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    let called: number | null = null;
    setImmediate(() => {
      people.begin()();
      called = performance.now();
    });
    await people.quiet();
    const quietAt = performance.now();
    expect(called).not.toBeNull();
    expect(quietAt - (called ?? quietAt)).toBeGreaterThanOrEqual(15);
  });
});
