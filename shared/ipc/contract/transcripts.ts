import { z } from 'zod';
import { CtsrRating, Speaker, UtteranceComment } from '../../api/entities';
import {
  CTSR_ITEM_COUNT,
  ctsrDraftScores,
  ctsrItemNotes,
  ctsrSubmittedScores,
} from '../../clinical/ctsr';
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
  therapistName: z.string().nullable(),
  /** The booked length of the session (its appointment), when on the device. */
  durationMinutes: z.int().min(0).nullable(),
  /** Reviewed = rated on the CTS-R (a submitted rating, pending or synced). */
  reviewed: z.boolean(),
  commentCount: z.int().min(0),
});

const noItemNotes = (): string[] => Array.from({ length: CTSR_ITEM_COUNT }, () => '');

export const CtsrDraftView = z.strictObject({
  transcriptId: Id,
  items: ctsrDraftScores,
  itemNotes: ctsrItemNotes(5_000),
  comment: z.string().max(20_000),
  savedAt: Instant,
});

export const UtteranceView = z.strictObject({
  id: Id,
  seq: z.int().min(0),
  speaker: Speaker,
  text: z.string(),
  sentAt: Instant,
  comments: z.array(UtteranceComment.extend(LocalWrite.shape)),
});

/** A piece of a search result's snippet: marked pieces are what matched (text, never markup). */
export const SnippetPart = z.strictObject({ text: z.string(), marked: z.boolean() });

export const TranscriptSearchHit = z.strictObject({
  utteranceId: Id,
  transcriptId: Id,
  patientId: Id,
  patientName: z.string(),
  /** When the session started (the transcript's start), for "which session" in UK time. */
  sessionStartedAt: Instant,
  seq: z.int().min(0),
  speaker: Speaker,
  snippet: z.array(SnippetPart),
});

export const transcriptsContract = {
  list: method(
    z.strictObject({
      patientId: Id.optional(),
      therapistId: Id.optional(),
      /** Rated on the CTS-R or not. */
      reviewed: z.enum(['all', 'reviewed', 'unreviewed']).default('all'),
      /** Part of the patient's name. */
      patientName: z.string().trim().max(100).optional(),
      offset: z.int().min(0).default(0),
      limit: pageLimit(500, 100),
    }),
    z.strictObject({
      transcripts: z.array(TranscriptSummary),
      /** How many match the filters (the list pages through all of them: no cap). */
      total: z.int().min(0),
      stillSyncing: z.boolean(),
    }),
    'Session transcripts, newest first, filtered and paged (transcripts stream in after the caseload).',
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
      /** This supervisor's unsubmitted CTS-R for the session, kept on this device. */
      ctsrDraft: CtsrDraftView.nullable(),
      /** The service's CTS-R competence threshold (of 72). */
      competenceThreshold: z.int().min(0).max(72),
    }),
    'Utterances in order, a page at a time (the first page is audited as an open).',
  ),
  search: method(
    z.strictObject({
      text: z.string().trim().min(2, 'type at least two letters').max(200),
      limit: pageLimit(200, 50),
    }),
    z.strictObject({
      hits: z.array(TranscriptSearchHit),
    }),
    'Full-text search over cached transcripts (case and accents ignored), newest lines first: each hit names the utterance (id and sequence) so the reader opens at it.',
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
      items: ctsrSubmittedScores,
      /** One note per item ('' for none); absent: no notes. */
      itemNotes: ctsrItemNotes(5_000).default(noItemNotes),
      comment: z.string().max(20_000),
    }),
    CtsrRating.extend(LocalWrite.shape),
    'Supervisors: submit a CTS-R rating to the therapist (every item scored 0–6; the draft goes).',
  ),
  saveCtsrDraft: method(
    z.strictObject({
      transcriptId: Id,
      items: ctsrDraftScores,
      itemNotes: ctsrItemNotes(5_000).default(noItemNotes),
      comment: z.string().max(20_000),
    }),
    CtsrDraftView,
    'Supervisors: keep an unfinished CTS-R on this device (unscored items stay unscored).',
  ),
  ratingHistory: method(
    z.strictObject({ therapistId: Id.optional() }),
    z.strictObject({
      ratings: z.array(
        CtsrRating.extend(LocalWrite.shape).extend({
          patientName: z.string(),
          sessionStartedAt: Instant,
          raterName: z.string().nullable(),
        }),
      ),
      competenceThreshold: z.int().min(0).max(72),
    }),
    "CTS-R ratings of a therapist's sessions, oldest first (a therapist: their own).",
  ),
} as const;
