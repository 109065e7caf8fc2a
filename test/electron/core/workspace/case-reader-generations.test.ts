import { afterEach, describe, expect, it } from 'vitest';
import { createCaseReader } from '../../../../electron/core/workspace/case-reader';
import type { WorkspaceContext } from '../../../../electron/core/workspace/context';
import { createGenerations } from '../../../../electron/core/workspace/generations';
import {
  messageRecord,
  newKey,
  open,
  patientRecord,
  temporaryDeviceDirectory,
} from '../store/fixtures';

/**
 * The case facts (caseload, deadlines, every patient's record) are one memoised snapshot of
 * the cache. An initial sync stores transcripts in 40 pages after the caseload has arrived;
 * rebuilding the snapshot after each of them made the first caseload read of a new device
 * wait for several rebuilds (npm run bench, sync.usable.first_reads_ms).
 */
let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

describe('the case snapshot', () => {
  it('is rebuilt when a case fact changes, not when transcripts or comments arrive', () => {
    const dir = temporaryDeviceDirectory();
    const { store } = open(dir.directory, newKey());
    cleanup = () => {
      store.close();
      dir.cleanup();
    };
    const patient = patientRecord('Wren', 'Talbot');
    store.records.put('patient', patient);
    let builds = 0;
    const list = store.records.list.bind(store.records);
    store.records.list = ((entity: never) => {
      if (entity === 'patient') builds += 1;
      return list(entity);
    }) as typeof store.records.list;

    const generations = createGenerations();
    const ctx: WorkspaceContext = {
      store: () => store,
      user: () => ({ id: 'u', orgId: null, role: 'therapist', displayName: 'T' }),
      now: () => new Date('2026-11-02T10:00:00Z'),
      zone: () => 'Europe/London',
      audit: () => {},
      changed: (entities) => generations.bump(entities),
      generation: (of) => generations.of(of),
    };
    const cases = createCaseReader(ctx);

    expect(cases.snapshot().byPatient.has(patient.id)).toBe(true);
    expect(builds).toBe(1);
    for (const entities of [['transcript'], ['utteranceComment'], ['ctsrRating', 'transcript']]) {
      generations.bump(entities);
      cases.snapshot();
    }
    expect(builds).toBe(1);

    store.records.put('message', messageRecord(patient.id, 'inbound', 5, 'Can we talk?'));
    generations.bump(['message']);
    expect(cases.snapshot().byPatient.get(patient.id)?.messages).toHaveLength(1);
    expect(builds).toBe(2);

    generations.bump(['*']);
    cases.snapshot();
    expect(builds).toBe(3);
    generations.bump(['outbox']);
    cases.snapshot();
    expect(builds).toBe(4);
    // Leave marks deadlines: a trip or leave declared rebuilds it too.
    generations.bump(['workAbroadDeclaration']);
    cases.snapshot();
    expect(builds).toBe(5);
  });
});
