import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';

const items = [
  'Agenda setting',
  'Feedback',
  'Collaboration',
  'Pacing and efficient use of time',
  'Interpersonal effectiveness',
  'Eliciting emotional expression',
  'Eliciting key cognitions',
  'Eliciting behaviours',
  'Guided discovery',
  'Conceptual integration',
  'Application of change methods',
  'Homework setting',
];
const COMPETENCE = 36;

/** The CTS-R: 12 items scored 0–6, total 0–72, competence at 36. */
export function CtsrForm({ transcriptId }: { transcriptId: string }) {
  const [scores, setScores] = useState<number[]>(items.map(() => 0));
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const total = scores.reduce((a, b) => a + b, 0);
  return (
    <form
      className="panel stack"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        unwrap(clinician().transcripts.rate({ transcriptId, items: scores, comment })).then(
          () => setSaved(true),
          (e: unknown) => setError(errorText(e)),
        );
      }}
    >
      <fieldset>
        <legend>CTS-R rating</legend>
        <div className="item-grid">
          {items.map((name, index) => (
            <label key={name} className="item-input">
              {name} (0–6)
              <input
                type="number"
                min={0}
                max={6}
                step={1}
                value={scores[index]}
                onChange={(e) =>
                  setScores((all) =>
                    all.map((v, i) =>
                      i === index ? Math.max(0, Math.min(6, Number(e.target.value) || 0)) : v,
                    ),
                  )
                }
              />
            </label>
          ))}
        </div>
        <p role="status">
          Total {total}/72 — {total >= COMPETENCE ? 'at or above' : 'below'} the competence
          threshold of {COMPETENCE}.
        </p>
        <label htmlFor="ctsr-comment">Comment</label>
        <textarea
          id="ctsr-comment"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
        <button type="submit">Save rating</button>
        <ErrorText error={error} />
        {saved ? <p role="status">Rating saved; it will be sent when online.</p> : null}
      </fieldset>
    </form>
  );
}
