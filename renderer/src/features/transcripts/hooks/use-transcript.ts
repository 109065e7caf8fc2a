import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { transcriptsContract } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { onDataChanged, touches } from '../../sync/data-changes';

type Page = z.output<(typeof transcriptsContract)['page']['response']>;
export type Utterance = Page['utterances'][number];
/** What the reader shows beside the lines: the session, its ratings, the CTS-R draft. */
export type TranscriptHead = Omit<Page, 'utterances' | 'nextAfterSeq'>;

/** A screenful and more: the first page is what paints, whatever the session's length. */
const FIRST_PAGE = 100;
/** The rest is read in behind it, a few large pages (the contract's most). */
const REST_PAGE = 500;

export interface TranscriptLines {
  head: TranscriptHead | null;
  lines: readonly Utterance[];
  /** Every line of the session is here (find and "commented only" cover all of it). */
  complete: boolean;
  error: string | null;
}

const headOf = ({ utterances: _lines, nextAfterSeq: _next, ...head }: Page): TranscriptHead => head;

/**
 * A session's lines: the first page at once (it paints), the rest read in behind it in
 * order, so a 2,000-line session opens as fast as a 50-line one. When a comment, a rating or
 * the transcript itself changes, the whole session is read again and swapped in at the end,
 * so the list never shrinks under the reader's eyes.
 */
export function useTranscript(transcriptId: string): TranscriptLines {
  const [state, setState] = useState<TranscriptLines>({
    head: null,
    lines: [],
    complete: false,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const patientId = state.head?.transcript.patientId;

  useEffect(() => {
    let cancelled = false;
    const refresh = generation > 0;
    const read = async (): Promise<void> => {
      let afterSeq = -1;
      let lines: Utterance[] = [];
      let head: TranscriptHead | null = null;
      for (;;) {
        const page = await unwrap(
          clinician().transcripts.page({
            transcriptId,
            afterSeq,
            limit: afterSeq < 0 ? FIRST_PAGE : REST_PAGE,
          }),
        );
        if (cancelled) return;
        head ??= headOf(page);
        lines = [...lines, ...page.utterances];
        const complete = page.nextAfterSeq === null;
        // A first read shows each page as it comes; a refresh swaps in the whole at the end.
        if (!refresh || complete) setState({ head, lines, complete, error: null });
        if (complete) return;
        afterSeq = page.nextAfterSeq ?? afterSeq;
      }
    };
    read().catch((e: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, error: errorText(e) }));
    });
    return () => {
      cancelled = true;
    };
  }, [transcriptId, generation]);

  useEffect(() => {
    if (!patientId) return;
    return onDataChanged((change) => {
      if (touches(change, ['utteranceComment', 'ctsrRating', 'transcript'], patientId))
        setGeneration((g) => g + 1);
    });
  }, [patientId]);

  return state;
}
