import { useCallback, useEffect, useRef, useState } from 'react';
import { clinician, unwrap } from '../../bridge';
import { errorText } from '../../ui/errors';
import { type AutosavedText, useAutosavedText } from '../../ui/useAutosavedText';

export interface ReplyDraft {
  readonly text: AutosavedText;
  /** The refused reply (outbox seq) the words replace when sent; null: a new reply. */
  readonly resendOf: number | null;
  /** Put a refused reply's words back in the box, to be edited and sent in its place. */
  startResend(seq: number, body: string): void;
  /** Send the words as a new reply instead (the refused one stays in the changes list). */
  cancelResend(): void;
  send(): Promise<void>;
  readonly sending: boolean;
  readonly sendError: string | null;
}

/**
 * The reply box's words, kept in the encrypted store as they are typed (messages.saveDraft,
 * through the one autosave mechanism), loaded when the thread opens, gone only once the reply
 * is queued — the core clears the draft in the same transaction.
 */
export function useReplyDraft(patientId: string): ReplyDraft {
  const [resendOf, setResendOf] = useState<number | null>(null);
  const resendRef = useRef<number | null>(null);
  const save = useCallback(
    (body: string) =>
      unwrap(clinician().messages.saveDraft({ patientId, body, resendOf: resendRef.current })),
    [patientId],
  );
  const text = useAutosavedText(`reply:${patientId}`, save);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const { load, edit, reset, flush } = text;

  useEffect(() => {
    let live = true;
    // Words typed before this answers are kept: `load` prefers words waiting to be saved.
    void unwrap(clinician().messages.draft({ patientId })).then(
      (draft) => {
        if (!live) return;
        resendRef.current = draft?.resendOf ?? null;
        setResendOf(resendRef.current);
        load(draft?.body ?? '');
      },
      (e: unknown) => {
        if (live) setSendError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [patientId, load]);

  const setResend = (seq: number | null): void => {
    resendRef.current = seq;
    setResendOf(seq);
  };

  return {
    text,
    resendOf,
    startResend: (seq, body) => {
      setResend(seq);
      edit(body);
    },
    cancelResend: () => {
      setResend(null);
      edit(text.body);
    },
    send: async () => {
      setSending(true);
      setSendError(null);
      try {
        // No autosave may land after the reply and bring the sent words back as a draft.
        await flush();
        await unwrap(
          clinician().messages.reply({ patientId, body: text.body, resendOf: resendRef.current }),
        );
        setResend(null);
        reset();
      } catch (e) {
        // The words stay in the box and in the draft: nothing typed is dropped.
        setSendError(errorText(e));
      } finally {
        setSending(false);
      }
    },
    sending,
    sendError,
  };
}
