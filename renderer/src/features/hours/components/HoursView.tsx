import { useState } from 'react';
import { localDate, monthRange } from '../../../../../shared/clinical';
import { clinician, unwrap } from '../../../bridge';
import { ErrorText, Loading } from '../../../ui/Feedback';
import { formatPence, formatTime } from '../../../ui/format';
import { Time } from '../../../ui/Time';
import { ViewHeading } from '../../../ui/ViewHeading';
import { createLiveQuery, useLiveQuery } from '../../sync/live-query';

interface StatementMonth {
  year: number;
  month: number;
}
/** "2026-08": the one key of a statement month, for the query slice and the hook alike. */
const monthKey = ({ year, month }: StatementMonth): string =>
  `${year}-${String(month).padStart(2, '0')}`;

const useStatement = createLiveQuery({
  entities: ['appointment', 'episode', 'serviceConfig'],
  key: monthKey,
  load: (args: StatementMonth) => unwrap(clinician().hours.statement(args)),
});

/** How a line is paid, in words (the statement's `paidAs`). */
const PAID_AS: Record<string, string> = {
  full: 'in full',
  half: 'half rate',
  unpaid_over_limit: 'not paid: over the missed sessions paid per episode',
  unpaid_not_paid_at_step: 'not paid at this step',
  unpaid_length_not_booked: 'not paid: a length the service does not book for this step',
};

/** The UK calendar month before the one we are in (the month just paid for). */
function lastUkMonth(): string {
  const [year, month] = localDate(new Date().toISOString()).split('-').map(Number) as [
    number,
    number,
  ];
  return month === 1
    ? monthKey({ year: year - 1, month: 12 })
    : monthKey({ year, month: month - 1 });
}

/** The statement of hours worked for a month (paid a month in arrears), to the penny. */
export function HoursView() {
  const [month, setMonth] = useState(lastUkMonth);
  const [year, mm] = month.split('-').map(Number) as [number, number];
  const args = { year, month: mm };
  const query = useLiveQuery(useStatement, args, monthKey(args));
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
            <caption>
              Paid events in {formatTime(monthRange(year, mm).startsAt, 'month')} (paid in{' '}
              {formatTime(monthRange(year, mm).endsAt, 'month')})
            </caption>
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
                  <td>{PAID_AS[l.paidAs] ?? l.paidAs}</td>
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
