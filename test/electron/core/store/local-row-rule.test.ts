import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CachedRecord, Store } from '../../../../electron/core/store';
import {
  type IncomingRow,
  type LocalRow,
  mayReplaceLocalRow,
} from '../../../../electron/core/store/local-row-rule';
import { applyPullPage } from '../../../../electron/core/sync/apply-page';
import { messageRecord, newKey, open, patientRecord, temporaryDeviceDirectory } from './fixtures';

/**
 * A pending local change wins until the server acknowledges or refuses it: the rule on its
 * own, then the store's SQL checked against it case by case, then what happens to the
 * server's row a pending change kept out.
 */
describe('mayReplaceLocalRow', () => {
  const cases: [string, LocalRow | undefined, IncomingRow, boolean][] = [
    ['nothing held here', undefined, { version: 3 }, true],
    [
      'this device’s own write over a confirmed row',
      { version: 3, unansweredChange: false },
      { version: null },
      true,
    ],
    [
      'this device’s own write over its pending one',
      { version: null, unansweredChange: true },
      { version: null },
      true,
    ],
    [
      'a page over an optimistic row whose change is unanswered',
      { version: null, unansweredChange: true },
      { version: 9 },
      false,
    ],
    [
      'a page over an optimistic row whose change was answered',
      { version: null, unansweredChange: false },
      { version: 1 },
      true,
    ],
    [
      'a newer version over a confirmed row',
      { version: 3, unansweredChange: false },
      { version: 4 },
      true,
    ],
    [
      'the same version again (a replayed page)',
      { version: 3, unansweredChange: false },
      { version: 3 },
      true,
    ],
    [
      'an older version over a confirmed row (a late page)',
      { version: 3, unansweredChange: false },
      { version: 2 },
      false,
    ],
    [
      'a newer version over a confirmed row with a change queued (a note: its edit is a draft)',
      { version: 3, unansweredChange: true },
      { version: 4 },
      true,
    ],
  ];
  it.each(cases)('%s → %s', (_name, local, incoming, expected) => {
    expect(mayReplaceLocalRow(local, incoming)).toBe(expected);
  });
});

let directory: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ directory, cleanup } = temporaryDeviceDirectory());
  store = open(directory, newKey()).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const patient = patientRecord('Rule', 'Example');
const reply = (message: CachedRecord<'message'>) =>
  store.outbox.enqueue({
    mutationId: randomUUID(),
    kind: 'message.send',
    payload: { messageId: message.id, patientId: patient.id, body: message.data.body },
    createdAt: new Date().toISOString(),
  });

/** Arrange the local side of one case in a real store; returns the record's id. */
function arrange(local: LocalRow | undefined, change: 'none' | 'pending' | 'answered'): string {
  const message = messageRecord(patient.id, 'outbound', 1, 'local text');
  if (local === undefined) return message.id;
  store.applyInTransaction(() => {
    store.records.put('message', { ...message, version: local.version });
    if (change !== 'none') {
      const entry = reply(message);
      if (change === 'answered') store.outbox.markSent([entry.seq]);
    }
  });
  return message.id;
}

describe('the store follows the rule', () => {
  const combinations = [
    [undefined, 'none'],
    [{ version: null, unansweredChange: true }, 'pending'],
    [{ version: null, unansweredChange: false }, 'answered'],
    [{ version: 3, unansweredChange: false }, 'none'],
    [{ version: 3, unansweredChange: true }, 'pending'],
  ] as const;
  const incoming = [null, 1, 3, 4] as const;
  for (const [local, change] of combinations) {
    for (const version of incoming) {
      const expected = mayReplaceLocalRow(local, { version });
      it(`${JSON.stringify(local)} (${change}) ← version ${version}: ${expected ? 'replaced' : 'kept'}`, () => {
        const id = arrange(local, change);
        const arriving = messageRecord(patient.id, 'outbound', 2, 'arriving text');
        store.applyInTransaction(() =>
          store.records.put('message', {
            ...arriving,
            id,
            data: { ...arriving.data, id },
            version,
          }),
        );
        expect(store.records.get('message', id)?.data.body).toBe(
          expected ? 'arriving text' : 'local text',
        );
      });
    }
  }

  it('applies a feed delete under the same rule, through the page apply', () => {
    const id = arrange({ version: null, unansweredChange: true }, 'pending');
    applyPullPage(
      store,
      {
        serverTime: new Date().toISOString(),
        lane: 'core',
        changes: [
          {
            lane: 'core',
            cursor: '10',
            entity: 'message',
            op: 'delete',
            id,
            version: 5,
            scope: { kind: 'patient', id: patient.id },
            data: null,
          },
        ],
        evictions: [],
        nextCursor: '10',
        hasMore: false,
      },
      new Date().toISOString(),
    );
    expect(store.records.get('message', id)?.data.body).toBe('local text');
  });
});

describe('the server’s row a pending change keeps out', () => {
  const appointmentOf = (version: number | null, outcome: string) => {
    const record = messageRecord(patient.id, 'outbound', 1, outcome);
    return { ...record, version };
  };

  it('is put back when the change is refused', () => {
    const confirmed = appointmentOf(2, 'server text v2');
    store.records.put('message', confirmed);
    store.applyInTransaction(() => {
      store.records.put('message', {
        ...confirmed,
        version: null,
        data: { ...confirmed.data, body: 'mine' },
      });
      reply(confirmed);
    });
    // A page arrives meanwhile with version 3: kept out, the optimistic row stands.
    store.records.put('message', {
      ...confirmed,
      version: 3,
      data: { ...confirmed.data, body: 'server text v3' },
    });
    expect(store.records.get('message', confirmed.id)?.data.body).toBe('mine');
    // The local checksum counts the server's row, not the optimistic one.
    const [checksum] = store.records.scopeChecksums('core');
    expect(checksum?.count).toBe(1);
    const [entry] = store.outbox.listPending(1);
    store.applyInTransaction(() => {
      store.outbox.markRejected(entry!.seq, 'refused', new Date().toISOString());
      store.records.settleLocalChange('message', confirmed.id, { kind: 'refused' });
    });
    expect(store.records.get('message', confirmed.id)).toMatchObject({
      version: 3,
      data: { body: 'server text v3' },
    });
  });

  it('gives way to the accepted change’s own version, which follows in a pull', () => {
    const confirmed = appointmentOf(2, 'server text v2');
    store.records.put('message', confirmed);
    store.applyInTransaction(() => {
      store.records.put('message', {
        ...confirmed,
        version: null,
        data: { ...confirmed.data, body: 'mine' },
      });
      reply(confirmed);
    });
    const [entry] = store.outbox.listPending(1);
    store.applyInTransaction(() => {
      store.outbox.markSent([entry!.seq]);
      store.records.settleLocalChange('message', confirmed.id, { kind: 'accepted', version: 3 });
    });
    // Not reverted to v2 while v3 is on its way.
    expect(store.records.get('message', confirmed.id)?.data.body).toBe('mine');
    store.records.put('message', {
      ...confirmed,
      version: 3,
      data: { ...confirmed.data, body: 'mine' },
    });
    expect(store.records.get('message', confirmed.id)?.version).toBe(3);
  });
});
