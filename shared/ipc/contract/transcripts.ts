import { z } from 'zod';
import { CTSR_ITEM_COUNT, CtsrRating, Speaker, UtteranceComment } from '../../api/entities';
import { method } from '../define';
import { Id, Instant, LocalWrite, pageLimit } from './common';

export const TranscriptSummary = z.strictObject({
  id: Id,
  patientId: Id,
  patientName: z.string(),
  appointmentId: Id,
  therapistId: Id,
  startedAt: Instant,
  utteranceCount: z.int().min(0),
});

export const UtteranceView = z.strictObject({
  id: Id,
  seq: z.int().min(0),
  speaker: Speaker,
  text: z.string(),
  sentAt: Instant,
  comments: z.array(UtteranceComment.extend(LocalWrite.shape)),
});

export const transcriptsContract = {
  list: method(
    z.strictObject({
      patientId: Id.optional(),
      therapistId: Id.optional(),
      limit: pageLimit(500, 100),
    }),
    z.strictObject({ transcripts: z.array(TranscriptSummary), stillSyncing: z.boolean() }),
    'Session transcripts, newest first (transcripts stream in after the caseload).',
  ),
  page: method(
    z.strictObject({
      transcriptId: Id,
      afterSeq: z.int().min(-1).default(-1),
      limit: pageLimit(500, 150),
    }),
    z.strictObject({
      transcript: TranscriptSummary,
      utterances: z.array(UtteranceView),
      nextAfterSeq: z.int().nullable(),
      ratings: z.array(CtsrRating.extend(LocalWrite.shape)),
    }),
    'Utterances in order, a page at a time (the first page is audited as an open).',
  ),
  search: method(
    z.strictObject({
      text: z.string().trim().min(2, 'type at least two letters').max(200),
      limit: pageLimit(200, 50),
    }),
    z.strictObject({
      hits: z.array(
        z.strictObject({
          utteranceId: Id,
          transcriptId: Id,
          patientId: Id,
          patientName: z.string(),
          seq: z.int(),
          speaker: Speaker,
          snippet: z.string(),
        }),
      ),
    }),
    'Full-text search over cached transcripts.',
  ),
  comment: method(
    z.strictObject({
      transcriptId: Id,
      utteranceId: Id,
      body: z.string().trim().min(1).max(10_000),
    }),
    UtteranceComment.extend(LocalWrite.shape),
    'Supervisors: feedback on one utterance (append-only).',
  ),
  rate: method(
    z.strictObject({
      transcriptId: Id,
      items: z.array(z.int().min(0).max(6)).length(CTSR_ITEM_COUNT),
      comment: z.string().max(20_000),
    }),
    CtsrRating.extend(LocalWrite.shape),
    'Supervisors: a CTS-R rating (12 items, 0–6 each; competence at 36).',
  ),
} as const;
