import type { z } from 'zod';
import type { TranscriptSearchHit } from '../../../shared/ipc';
import { findWordStarts, snippetAround } from '../../../shared/text/text-match';
import type { UtteranceSearchHit } from '../store';

/**
 * A search hit as the UI shows it: the index found the utterance (words, accents ignored,
 * the last word a prefix); the shared matcher marks the same words in a short extract, as
 * data (never markup), so a line that itself contains brackets or tags reads as typed.
 */
export function searchHitOf(
  hit: UtteranceSearchHit,
  query: string,
  patientName: string,
): z.output<typeof TranscriptSearchHit> {
  return {
    utteranceId: hit.utteranceId,
    transcriptId: hit.transcriptId,
    patientId: hit.patientId,
    patientName,
    sessionStartedAt: hit.sessionStartedAt,
    seq: hit.seq,
    speaker: hit.speaker,
    snippet: snippetAround(hit.text, findWordStarts(hit.text, query)),
  };
}
