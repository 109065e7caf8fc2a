import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../electron/core/store';
import { openEncryptedConnection } from '../../../../electron/core/store/connection';
import { databasePathIn } from '../../../../electron/core/keys/device-files';
import {
  newKey,
  open,
  patientRecord,
  temporaryDeviceDirectory,
  transcriptRecord,
} from './fixtures';

/**
 * The full-text index is written by the transcript writer itself (a transcript's lines in one
 * statement after they are stored), and unwritten by triggers. Whatever the mix of pages,
 * replacements, removals and evictions, it must hold exactly the stored lines: FTS5's own
 * integrity check compares it with the utterances table, and every word finds exactly the
 * lines that contain it.
 */
let cleanup: () => void;
let directory: string;
let key: Buffer;
let store: Store;
beforeEach(() => {
  const dir = temporaryDeviceDirectory();
  cleanup = dir.cleanup;
  directory = dir.directory;
  key = newKey();
  store = open(directory, key).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const words = ['kettle', 'harbour', 'lantern', 'meadow', 'orchard', 'pebble', 'quilt', 'saddle'];
const lineOf = (i: number): string =>
  `the ${words[i % words.length]} and the ${words[(i * 3 + 1) % words.length]} line ${i}`;

/** FTS5's check of the index against its content table (throws when they differ). */
function indexMatchesContent(): void {
  const db = openEncryptedConnection(databasePathIn(directory), key, undefined);
  try {
    db.exec("INSERT INTO utterance_search (utterance_search, rank) VALUES ('integrity-check', 1)");
  } finally {
    db.close();
  }
}

describe('the transcript search index', () => {
  it('holds exactly the stored lines after pages, replacements, removals and evictions', () => {
    const patients = [patientRecord('Index', 'One'), patientRecord('Index', 'Two')];
    const transcripts = Array.from({ length: 12 }, (_, t) =>
      transcriptRecord(
        patients[t % 2]!.id,
        Array.from({ length: 20 + t }, (_, i) => lineOf(t * 100 + i)),
      ),
    );
    // A first download's page and a later, durable one.
    store.applyInTransaction(() => {
      for (const p of patients) store.records.put('patient', p);
      for (const t of transcripts.slice(0, 6)) store.records.put('transcript', t);
    }, 'refetchable');
    store.applyInTransaction(() => {
      for (const t of transcripts.slice(6)) store.records.put('transcript', t);
      // A transcript replaced in the same page as others were stored: fewer, other lines.
      const first = transcripts[0]!;
      store.records.put('transcript', {
        ...first,
        version: 2,
        data: {
          ...first.data,
          utterances: first.data.utterances
            .slice(0, 5)
            .map((u, i) => ({ ...u, text: `${lineOf(9000 + i)} rewritten` })),
        },
      });
    });
    // One on its own (its own transaction), one removed, one patient evicted.
    store.records.put('transcript', {
      ...transcripts[1]!,
      version: 2,
      data: { ...transcripts[1]!.data, utterances: [] },
    });
    store.records.remove('transcript', transcripts[2]!.id);
    store.evictScope({ kind: 'patient', id: patients[1]!.id }, ['transcripts']);

    indexMatchesContent();
    const kept = [
      ...transcripts[0]!.data.utterances.slice(0, 5).map((_, i) => `${lineOf(9000 + i)} rewritten`),
      ...transcripts
        .filter((_, i) => i % 2 === 0 && i !== 0 && i !== 2)
        .flatMap((t) => t.data.utterances.map((u) => u.text)),
    ];
    expect(store.transcripts.countUtterances()).toBe(kept.length);
    for (const word of [...words, 'rewritten']) {
      const expected = kept.filter((text) => text.split(' ').includes(word)).length;
      expect(store.transcripts.search(word, 10_000), word).toHaveLength(expected);
    }
  });
});
