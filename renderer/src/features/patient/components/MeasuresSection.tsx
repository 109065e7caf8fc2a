import { useState } from 'react';
import type { PatientDetail } from '../../../../../shared/ipc';
import { clinician, unwrap } from '../../../bridge';
import { errorText } from '../../../ui/errors';
import { ErrorText, SyncStateTag } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';

type Kind = 'PHQ9' | 'GAD7' | 'WSAS';
const forms: Record<Kind, { name: string; items: number; max: number }> = {
  PHQ9: { name: 'PHQ-9 (depression)', items: 9, max: 3 },
  GAD7: { name: 'GAD-7 (anxiety)', items: 7, max: 3 },
  WSAS: { name: 'WSAS (work and social adjustment)', items: 5, max: 8 },
};

function MeasureForm({
  patientId,
  appointments,
}: {
  patientId: string;
  appointments: PatientDetail['appointments'];
}) {
  const [kind, setKind] = useState<Kind>('PHQ9');
  const [items, setItems] = useState<string[]>(Array(9).fill(''));
  const [appointmentId, setAppointmentId] = useState(
    appointments.find((a) => a.outcome === 'attended')?.id ?? '',
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = forms[kind];
  const choose = (next: Kind): void => {
    setKind(next);
    setItems(Array(forms[next].items).fill(''));
  };
  const save = async (): Promise<void> => {
    setError(null);
    setSaved(null);
    try {
      const measure = await unwrap(
        clinician().measures.record({
          patientId,
          appointmentId: appointmentId || null,
          kind,
          items: items.map((v) => (v === '' ? NaN : Number(v))),
        }),
      );
      setSaved(`${form.name}: total ${measure.total} recorded.`);
      setItems(Array(form.items).fill(''));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Record a questionnaire</legend>
        <label htmlFor="measure-kind">Questionnaire</label>
        <select id="measure-kind" value={kind} onChange={(e) => choose(e.target.value as Kind)}>
          {(Object.keys(forms) as Kind[]).map((k) => (
            <option key={k} value={k}>
              {forms[k].name}
            </option>
          ))}
        </select>
        <label htmlFor="measure-appointment">Session</label>
        <select
          id="measure-appointment"
          value={appointmentId}
          onChange={(e) => setAppointmentId(e.target.value)}
        >
          <option value="">Not linked to a session</option>
          {appointments.map((a) => (
            <option key={a.id} value={a.id}>
              {new Date(a.startsAt).toLocaleDateString('en-GB')} {a.kind}
            </option>
          ))}
        </select>
        <div className="item-grid">
          {items.map((value, index) => (
            <label key={index} className="item-input">
              Item {index + 1} (0–{form.max})
              <input
                type="number"
                min={0}
                max={form.max}
                step={1}
                required
                value={value}
                onChange={(e) =>
                  setItems((all) => all.map((v, i) => (i === index ? e.target.value : v)))
                }
              />
            </label>
          ))}
        </div>
        <button type="submit">Score and record</button>
        <ErrorText error={error} />
        {saved ? <p role="status">{saved}</p> : null}
      </fieldset>
    </form>
  );
}

export function MeasuresSection({
  patientId,
  measures,
  appointments,
  readOnly,
}: {
  patientId: string;
  measures: PatientDetail['measures'];
  appointments: PatientDetail['appointments'];
  readOnly: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="measures-heading">
      <h3 id="measures-heading">Measures</h3>
      {measures.length === 0 ? <p>No scores yet.</p> : null}
      <table className="table">
        <caption className="visually-hidden">Questionnaire scores, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Measure</th>
            <th scope="col">Total</th>
            <th scope="col">Sync</th>
          </tr>
        </thead>
        <tbody>
          {measures.slice(0, 30).map((m) => (
            <tr key={m.id}>
              <td>
                <Time iso={m.recordedAt} format="date" />
              </td>
              <td>{m.kind}</td>
              <td>
                {m.total}
                {m.kind === 'PHQ9' && (m.items?.[8] ?? 0) > 0 ? ' (item 9 above 0)' : ''}
              </td>
              <td>
                <SyncStateTag syncState={m.syncState} rejectedReason={m.rejectedReason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly ? <MeasureForm patientId={patientId} appointments={appointments} /> : null}
    </section>
  );
}
