import { useState } from 'react';
import { localDate, monthRange, PAID_AS_WORDS, type PaidAs } from '../../../../../shared/clinical';
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

/**
 * Save the CSV as a file: a download in the browser preview; in the desktop app Electron asks
 * where to save it (its default for a download). The byte order mark makes spreadsheet apps
 * read the pound signs as UTF-8.
 */
function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
                  <td>{PAID_AS_WORDS[l.paidAs as PaidAs] ?? l.paidAs}</td>
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
          <p>
            <button
              type="button"
              onClick={() => {
                downloadCsv(`statement-of-hours-${query.value?.month}.csv`, query.value?.csv ?? '');
                // The file leaves the app: the export goes in the audit trail.
                void unwrap(clinician().hours.exported({ year, month: mm }));
              }}
            >
              Export CSV
            </button>{' '}
            <span className="muted small">
              Patients are named by case reference in the file, never by name.
            </span>
          </p>
          <details>
            <summary>Show the CSV</summary>
            <label htmlFor="statement-csv">CSV (select and copy)</label>
            <textarea
              id="statement-csv"
              className="csv"
              rows={8}
              readOnly
              value={query.value.csv}
            />
          </details>
        </>
      ) : null}
    </section>
  );
}
