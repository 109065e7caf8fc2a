import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevice, type TestDevice } from '../../../support/device';
import { arrangeTranscriptLength, type ArrangedTranscript } from '../../../support/long-transcript';
import { useReferenceServer } from '../../../support/reference-server';

/**
 * Issue 13 item 7 on a therapist's device (real core, encrypted store, real server): a
 * search across the cached transcripts names the session (patient, start) and the very
 * utterance (id, sequence) so the reader can open at it, with the matched words marked as
 * data, accents and case ignored; the reader pages to that utterance by sequence.
 */
const reference = useReferenceServer();
let device: TestDevice;
let long: ArrangedTranscript;
const PLANTED = 'We met at the Café Kowalczyk <b>again</b>, [[twice]] that week';

interface Hit {
  utteranceId: string;
  transcriptId: string;
  patientId: string;
  patientName: string;
  sessionStartedAt: string;
  seq: number;
  speaker: string;
  snippet: { text: string; marked: boolean }[];
}
interface Page {
  utterances: { id: string; seq: number; text: string }[];
  nextAfterSeq: number | null;
}

beforeAll(async () => {
  const server = reference.server();
  long = await arrangeTranscriptLength(server.db, {
    therapist: 'Priya Nair',
    nth: 0,
    utterances: 2_000,
    plant: { 1_500: PLANTED },
  });
  device = await startDevice({ serverUrl: reference.proxy().url });
  await device.signIn(server.account('Priya Nair'));
  await device.synced();
}, 180_000);
afterAll(async () => device?.close());

describe('searching every cached transcript', () => {
  it('names the session and the utterance, marks the words as data, ignores accents and case', async () => {
    const { hits } = await device.call<{ hits: Hit[] }>('transcripts.search', {
      text: 'CAFE kowal',
    });
    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit).toMatchObject({
      transcriptId: long.transcriptId,
      patientId: long.patientId,
      patientName: long.patientName,
      seq: 1_500,
    });
    expect(Date.parse(hit?.sessionStartedAt ?? '')).toBe(Date.parse(long.startedAt));
    expect(hit?.snippet.filter((p) => p.marked).map((p) => p.text)).toEqual(['Café', 'Kowal']); // what was typed;
    // The line reads as it was typed: its brackets and tags are text, not markers.
    expect(hit?.snippet.map((p) => p.text).join('')).toBe(PLANTED);

    // The reader reaches that utterance by sequence, however far into the session it is.
    const page = await device.call<Page>('transcripts.page', {
      transcriptId: long.transcriptId,
      afterSeq: (hit?.seq ?? 0) - 1,
      limit: 1,
    });
    expect(page.utterances.map((u) => [u.id, u.seq, u.text])).toEqual([
      [hit?.utteranceId, 1_500, PLANTED],
    ]);
  });
});
