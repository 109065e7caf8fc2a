import type { PatientDetail } from '../../../../../shared/ipc';
import { SyncStateTag } from '../../../ui/Feedback';
import { MaybeTime, Time } from '../../../ui/Time';
import { MeasureForm } from './MeasureForm';
import { MeasuresChart } from './MeasuresChart';

export function MeasuresSection({
  patientId,
  measures,
  appointments,
  readOnly,
  outcome = null,
}: {
  patientId: string;
  measures: PatientDetail['measures'];
  appointments: PatientDetail['appointments'];
  readOnly: boolean;
  outcome?: PatientDetail['outcome'];
}) {
  return (
    <section className="panel" aria-labelledby="measures-heading">
      <h3 id="measures-heading">Measures</h3>
      {measures.length === 0 ? <p>No scores yet.</p> : null}
      <MeasuresChart patientId={patientId} appointments={appointments} outcome={outcome} />
      <table className="table">
        <caption className="visually-hidden">Questionnaire scores, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Session</th>
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
              <td>
                <MaybeTime
                  iso={appointments.find((a) => a.id === m.appointmentId)?.startsAt ?? null}
                  format="date"
                />
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
