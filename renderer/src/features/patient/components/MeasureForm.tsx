import { useState } from 'react';
import {
  measureSessionRule,
  QUESTIONNAIRES,
  type Questionnaire,
  todaysSession,
} from '../../../../../shared/clinical';
import type { AppointmentView } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText } from '../../../ui/Feedback';
import { formatTime } from '../../../ui/format';

type Kind = Questionnaire['kind'];
const NOT_LINKED = 'none';

const sessionName = (a: AppointmentView): string =>
  a.kind === 'assessment' ? 'Assessment' : `Session ${a.sessionNumber}`;

/**
 * Score a questionnaire for the session it was taken at: today's session is offered first
 * when there is one; otherwise the therapist chooses (never the newest attended session by
 * default). Each item shows its question and its answers in words.
 */
export function MeasureForm({
  patientId,
  appointments,
}: {
  patientId: string;
  appointments: AppointmentView[];
}) {
  const [kind, setKind] = useState<Kind>('PHQ9');
  const questionnaire = QUESTIONNAIRES[kind];
  const [items, setItems] = useState<string[]>(() => questionnaire.items.map(() => ''));
  const now = new Date().toISOString();
  const linkable = appointments
    .filter((a) => measureSessionRule(a, now).ok)
    .sort((a, b) => (a.startsAt < b.startsAt ? 1 : -1));
  const todays = todaysSession(linkable, now);
  const [chosen, setChosen] = useState<string | null>(null);
  const session = chosen ?? todays?.id ?? '';
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const choose = (next: Kind): void => {
    setKind(next);
    setItems(QUESTIONNAIRES[next].items.map(() => ''));
  };
  const save = async (): Promise<void> => {
    setError(null);
    setSaved(null);
    if (session === '') {
      setError('Choose the session the scores were taken at.');
      return;
    }
    try {
      const measure = await unwrap(
        clinician().measures.record({
          patientId,
          appointmentId: session === NOT_LINKED ? null : session,
          kind,
          items: items.map((v) => (v === '' ? NaN : Number(v))),
        }),
      );
      setSaved(`${questionnaire.name}: total ${measure.total} recorded.`);
      setItems(questionnaire.items.map(() => ''));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form
      className="stack"
      aria-labelledby="measure-form-legend"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="stack">
        <legend id="measure-form-legend">Record a questionnaire</legend>
        <label htmlFor="measure-kind">Questionnaire</label>
        <select id="measure-kind" value={kind} onChange={(e) => choose(e.target.value as Kind)}>
          {(Object.keys(QUESTIONNAIRES) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {QUESTIONNAIRES[k].name}
            </option>
          ))}
        </select>
        <label htmlFor="measure-appointment">Taken at the session</label>
        <select
          id="measure-appointment"
          value={session}
          onChange={(e) => setChosen(e.target.value)}
        >
          <option value="">Choose the session…</option>
          {linkable.map((a) => (
            <option key={a.id} value={a.id}>
              {a.id === todays?.id
                ? `Today, ${formatTime(a.startsAt, 'clock')} (${sessionName(a)})`
                : `${sessionName(a)}, ${formatTime(a.startsAt)}`}
            </option>
          ))}
          <option value={NOT_LINKED}>Not linked to a session (not counted in outcomes)</option>
        </select>
        <fieldset className="stack">
          <legend>{questionnaire.stem}</legend>
          {questionnaire.items.map((question, index) => (
            <div key={`${kind}-${index}`} className="field">
              <label htmlFor={`measure-item-${index}`}>
                {index + 1}. {question}
              </label>
              <select
                id={`measure-item-${index}`}
                required
                value={items[index] ?? ''}
                onChange={(e) =>
                  setItems((all) => all.map((v, i) => (i === index ? e.target.value : v)))
                }
              >
                <option value="">Choose…</option>
                {questionnaire.answers.map((answer) => (
                  <option key={answer.score} value={String(answer.score)}>
                    {answer.label ? `${answer.score} — ${answer.label}` : String(answer.score)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <button type="submit">Score and record</button>
        <ErrorText error={error} />
        {saved ? <p role="status">{saved}</p> : null}
      </fieldset>
    </form>
  );
}
