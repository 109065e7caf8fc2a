import { useEffect, useRef, useState } from 'react';
import {
  CTSR_ITEMS,
  CTSR_TOTAL_MAX,
  ctsrSummary,
  missingCtsrItemsText,
  readCtsrScore,
} from '../../../../../shared/clinical';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';

export interface CtsrDraft {
  readonly items: readonly (number | null)[];
  readonly itemNotes: readonly string[];
  readonly comment: string;
  readonly savedAt: string;
}

const AUTOSAVE_MS = 700;
/** What is typed, as scores: anything but a whole number 0–6 counts as unscored. */
const scoresOf = (typed: readonly string[]): (number | null)[] =>
  typed.map((t) => {
    const r = readCtsrScore(t);
    return r.kind === 'score' ? r.value : null;
  });
const inputId = (index: number) => `ctsr-item-${index}`;

/**
 * The CTS-R: 12 items scored 0–6 with a note each; total of 72 against the service's
 * competence threshold. An empty box is unscored (never 0) and a typed 9 is refused in words
 * (never clamped to 6). What is typed is kept as a draft on this device until submitted.
 */
export function CtsrForm({
  transcriptId,
  draft,
  threshold,
}: {
  transcriptId: string;
  draft: CtsrDraft | null;
  threshold: number;
}) {
  const [typed, setTyped] = useState<string[]>(() =>
    CTSR_ITEMS.map((_, i) => {
      const score = draft?.items[i];
      return score === null || score === undefined ? '' : String(score);
    }),
  );
  const [notes, setNotes] = useState<string[]>(() =>
    CTSR_ITEMS.map((_, i) => draft?.itemNotes[i] ?? ''),
  );
  const [comment, setComment] = useState(draft?.comment ?? '');
  const [savedAt, setSavedAt] = useState<string | null>(draft?.savedAt ?? null);
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const dirty = useRef(false);
  const autosave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const form = useRef<HTMLFormElement>(null);

  const read = typed.map(readCtsrScore);
  const scores = scoresOf(typed);
  const summary = ctsrSummary(scores, threshold);

  useEffect(() => {
    if (!dirty.current) return;
    const timer = (autosave.current = setTimeout(() => {
      unwrap(
        clinician().transcripts.saveCtsrDraft({
          transcriptId,
          items: scoresOf(typed),
          itemNotes: notes,
          comment,
        }),
      ).then(
        (saved) => setSavedAt(saved.savedAt),
        (e: unknown) => setError(errorText(e)),
      );
    }, AUTOSAVE_MS));
    return () => clearTimeout(timer);
  }, [typed, notes, comment, transcriptId]);

  const edit = (f: () => void): void => {
    dirty.current = true;
    setSubmitted(false);
    setError(null);
    f();
  };

  const submit = (): void => {
    const invalid = read.findIndex((r) => r.kind === 'invalid');
    if (invalid >= 0) {
      setError(`${CTSR_ITEMS[invalid]}: ${(read[invalid] as { message: string }).message}`);
      form.current?.querySelector<HTMLInputElement>(`#${inputId(invalid)}`)?.focus();
      return;
    }
    const missing = missingCtsrItemsText(scores);
    if (missing) {
      setError(`Not submitted. ${missing}`);
      const first = scores.findIndex((s) => s === null);
      form.current?.querySelector<HTMLInputElement>(`#${inputId(first)}`)?.focus();
      return;
    }
    // A draft save still waiting must not bring back the draft the rating replaces.
    clearTimeout(autosave.current);
    dirty.current = false;
    unwrap(
      clinician().transcripts.rate({ transcriptId, items: scores, itemNotes: notes, comment }),
    ).then(
      () => {
        setSubmitted(true);
        setSavedAt(null);
        setTyped(CTSR_ITEMS.map(() => ''));
        setNotes(CTSR_ITEMS.map(() => ''));
        setComment('');
      },
      (e: unknown) => setError(errorText(e)),
    );
  };

  return (
    <form
      ref={form}
      className="ctsr-form stack"
      aria-labelledby="ctsr-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3 id="ctsr-heading" className="small-heading">
        CTS-R rating
      </h3>
      <p className="muted small">
        Score each item 0–6. Leave a box empty while unsure: it stays unscored, never 0.
      </p>
      <ol className="ctsr-items">
        {CTSR_ITEMS.map((name, index) => {
          const r = read[index];
          const invalid = r?.kind === 'invalid';
          return (
            <li key={name} className="ctsr-item">
              <label htmlFor={inputId(index)}>
                {index + 1}. {name}
              </label>
              <input
                id={inputId(index)}
                className="ctsr-item__score"
                inputMode="numeric"
                autoComplete="off"
                size={2}
                value={typed[index]}
                aria-invalid={invalid}
                aria-describedby={invalid ? `${inputId(index)}-error` : undefined}
                onChange={(e) =>
                  edit(() =>
                    setTyped((all) => all.map((v, i) => (i === index ? e.target.value : v))),
                  )
                }
              />
              {invalid ? (
                <span id={`${inputId(index)}-error`} className="error small ctsr-item__error">
                  {r.message}
                </span>
              ) : null}
              <label htmlFor={`${inputId(index)}-note`} className="visually-hidden">
                Note on {name}
              </label>
              <input
                id={`${inputId(index)}-note`}
                className="ctsr-item__note"
                placeholder="Note (optional)"
                value={notes[index]}
                onChange={(e) =>
                  edit(() =>
                    setNotes((all) => all.map((v, i) => (i === index ? e.target.value : v))),
                  )
                }
              />
            </li>
          );
        })}
      </ol>
      <p role="status" className="ctsr-summary">
        {summary.total === null
          ? `Scored ${summary.scored} of 12 (${summary.partialTotal} so far). Not scored yet: ${summary.unscored.join(', ')}.`
          : `Total ${summary.total}/${CTSR_TOTAL_MAX} — ${summary.competent ? 'at or above' : 'below'} the competence threshold of ${threshold}.`}
      </p>
      <label htmlFor="ctsr-comment">Overall comment for the therapist</label>
      <textarea
        id="ctsr-comment"
        rows={3}
        value={comment}
        onChange={(e) => edit(() => setComment(e.target.value))}
      />
      <div className="button-row">
        <button type="submit">Submit rating to the therapist</button>
      </div>
      <ErrorText error={error} />
      {savedAt && !submitted ? (
        <p className="muted small">
          Draft kept on this device, <Time iso={savedAt} />.
        </p>
      ) : null}
      {submitted ? (
        <p role="status">Rating submitted; it reaches the therapist at the next sync.</p>
      ) : null}
    </form>
  );
}
