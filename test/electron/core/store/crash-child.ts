/**
 * Crash harness child (not a test): writes sync pages and note autosaves to the store in
 * transactions, forever, and prints an acknowledgement after each commit. The parent
 * SIGKILLs it at a random moment and checks that every acknowledged write survived and
 * that no transaction is half there.
 *
 *   node --import tsx crash-child.ts <directory> <key hex> <seed>
 */
import { writeSync } from 'node:fs';
import { openStore } from '../../../../electron/core/store';
import { applyPullPage } from '../../../../electron/core/sync/apply-page';

export const UTTERANCES_PER_PAGE = 60;
export const patientId = 'crash-patient';
export const noteId = 'crash-note';
export const pageTranscriptId = (page: number): string => `crash-page-${page}`;

const [directory, keyHex, seedText] = process.argv.slice(2);
if (directory === undefined || keyHex === undefined)
  throw new Error('usage: crash-child <dir> <key hex> [seed]');

// A small deterministic generator, so a failing run can be replayed from its seed.
let seed = Number(seedText ?? 1) >>> 0 || 1;
const random = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};

const { store } = openStore({
  directory,
  key: Buffer.from(keyHex, 'hex'),
  quickCheckOnOpen: 'never',
});
const say = (line: string): void => void writeSync(1, `${line}\n`);
const now = () => new Date().toISOString();

let page = Number(store.cursors.get('transcripts') ?? 0);
let autosave = store.outbox.highestSeq();
say('ready');

for (;;) {
  if (random() < 0.5) {
    page += 1;
    const n = page;
    // The sync engine's own page apply: changes and cursor in one transaction.
    applyPullPage(
      store,
      {
        serverTime: now(),
        lane: 'transcripts',
        evictions: [],
        nextCursor: String(n),
        hasMore: true,
        changes: [
          {
            lane: 'transcripts',
            cursor: String(n),
            entity: 'transcript',
            op: 'upsert',
            id: pageTranscriptId(n),
            version: 1,
            scope: { kind: 'patient', id: patientId },
            data: {
              id: pageTranscriptId(n),
              appointmentId: `crash-appointment-${n}`,
              patientId,
              therapistId: 'crash-therapist',
              startedAt: now(),
              utterances: Array.from({ length: UTTERANCES_PER_PAGE }, (_, seq) => ({
                id: `${pageTranscriptId(n)}-${seq}`,
                seq,
                speaker: seq % 2 === 0 ? ('therapist' as const) : ('patient' as const),
                text: `page ${n} utterance ${seq}: ${'thinking about the week ahead '.repeat(1 + Math.floor(random() * 4))}`,
                sentAt: now(),
              })),
            },
          },
        ],
      },
      now(),
    );
    say(`page ${n}`);
  } else {
    autosave += 1;
    const body = `autosave ${autosave}: ${'the patient described avoidance '.repeat(1 + Math.floor(random() * 20))}`;
    store.applyInTransaction(() => {
      store.noteDrafts.save({
        noteId,
        patientId,
        appointmentId: null,
        kind: 'session_note',
        body,
        baseVersion: null,
        savedAt: now(),
      });
      store.outbox.enqueue({
        mutationId: `crash-mutation-${autosave}`,
        kind: 'note.save',
        payload: {
          noteId,
          patientId,
          appointmentId: null,
          kind: 'session_note',
          body,
          baseVersion: null,
        },
        createdAt: now(),
      });
    });
    say(`autosave ${autosave}`);
  }
}
