import { useState } from 'react';
import { clinician, unwrap } from '../../../bridge';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { formatPence } from '../../../ui/format';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';

const useStatement = createLiveQuery({
  entities: ['appointment', 'episode', 'serviceConfig'],
  key: (args: { year: number; month: number }) => `${args.year}-${args.month}`,
  load: (args: { year: number; month: number }) => unwrap(clinician().hours.statement(args)),
});

/** The statement of hours worked for a month (paid a month in arrears), to the penny. */
export function HoursView() {
  const today = new Date();
  const previous = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const [month, setMonth] = useState(
    `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`,
  );
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const query = useLiveQuery(useStatement, { year, month: mm }, month);
  return (
    <section className="view" aria-labelledby="view-heading">
      <ViewHeading>Statement of hours</ViewHeading>
      <label htmlFor="statement-month">Month</label>{' '}
      <input
        id="statement-month"
        type="month"
        value={month}
        onChange={(e) => e.target.value && setMonth(e.target.value)}
      />
      <ErrorText error={query.error} />
      {!query.value ? <Loading what="the statement" /> : null}
      {query.value ? (
        <>
          <table className="table">
            <caption>Paid events in {query.value.month}</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Patient</th>
                <th scope="col">Session</th>
                <th scope="col">Paid as</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {query.value.lines.map((l) => (
                <tr key={l.appointmentId}>
                  <td>
                    <Time iso={l.startsAt} />
                  </td>
                  <td>{l.patientName}</td>
                  <td>{l.description}</td>
                  <td>{l.paidAs.replaceAll('_', ' ')}</td>
                  <td className="num">{formatPence(l.totalPence)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Total (of which holiday pay {formatPence(query.value.holidayPence)})
                </th>
                <td className="num">{formatPence(query.value.totalPence)}</td>
              </tr>
            </tfoot>
          </table>
          <label htmlFor="statement-csv">CSV (select and copy)</label>
          <textarea id="statement-csv" className="csv" rows={8} readOnly value={query.value.csv} />
        </>
      ) : null}
    </section>
  );
}
