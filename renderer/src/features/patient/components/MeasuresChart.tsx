import { useId, useState } from 'react';
import { describeScoreTrend } from '../../../../../shared/clinical';
import type { MeasureSeriesView, PatientDetail } from '../../../../../shared/ipc';
import { ErrorText } from '../../../ui/Feedback';
import { Time } from '../../../ui/Time';
import { useLiveQuery } from '../../sync/live-query';
import { useMeasureChartStore } from '../store/booking-store';

// Plain SVG: a few lines, a band and points per measure need no chart library, and SVG takes
// the theme's colours (light and dark) from the same CSS variables as everything else.
const W = 600;
const H = 170;
const PAD = { left: 34, right: 12, top: 10, bottom: 24 };

type Appointments = PatientDetail['appointments'];

function sessionLabel(appointmentId: string | null, appointments: Appointments): string {
  const a = appointments.find((x) => x.id === appointmentId);
  if (!a) return 'Not linked to a session';
  return a.kind === 'assessment' ? 'Assessment' : `Treatment session ${a.sessionNumber}`;
}

function SeriesChart({ series }: { series: MeasureSeriesView }) {
  const id = useId();
  const n = series.scores.length;
  const max = Math.max(1, series.max);
  const x = (i: number) =>
    PAD.left +
    (n <= 1 ? (W - PAD.left - PAD.right) / 2 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, Math.round(max / 2), max];
  const words = describeScoreTrend(
    series.name,
    series.scores.map((s) => s.total),
  );
  return (
    <figure className="measure-chart">
      <figcaption id={`${id}-caption`}>
        <strong>{series.name}</strong> <span className="muted small">{words}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-caption`}
        aria-describedby={`${id}-lines`}
        className="measure-chart__svg"
      >
        {series.band ? (
          <rect
            className="measure-chart__band"
            x={PAD.left}
            width={W - PAD.left - PAD.right}
            y={y(series.band.high)}
            height={Math.max(1, y(series.band.low) - y(series.band.high))}
          />
        ) : null}
        {ticks.map((t) => (
          <g key={t}>
            <line
              className="measure-chart__grid"
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(t)}
              y2={y(t)}
            />
            <text className="measure-chart__tick" x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {series.lines.map((line) => (
          <g key={line.value}>
            <line
              className="measure-chart__threshold"
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(line.value)}
              y2={y(line.value)}
            />
            <text
              className="measure-chart__label"
              x={W - PAD.right - 4}
              y={y(line.value) - 4}
              textAnchor="end"
            >
              {line.label}
            </text>
          </g>
        ))}
        {n > 1 ? (
          <polyline
            className="measure-chart__line"
            points={series.scores.map((s, i) => `${x(i)},${y(s.total)}`).join(' ')}
          />
        ) : null}
        {series.scores.map((s, i) => (
          <g key={s.id}>
            <circle className="measure-chart__point" cx={x(i)} cy={y(s.total)} r={4} />
            <text className="measure-chart__tick" x={x(i)} y={H - 6} textAnchor="middle">
              {i + 1}
            </text>
          </g>
        ))}
      </svg>
      <p id={`${id}-lines`} className="muted small">
        {[
          ...series.lines.map((l) => `${l.label}: dashed line at ${l.value}.`),
          series.band
            ? `Shaded: ${series.band.low} to ${series.band.high}, no reliable change from the first score (a change of ${series.band.threshold} or more is reliable).`
            : '',
          'Scores in the order taken; the table gives the dates.',
        ]
          .filter((w) => w !== '')
          .join(' ')}
      </p>
    </figure>
  );
}

function changeWords(series: MeasureSeriesView, total: number): string {
  const first = series.scores[0]?.total;
  if (first === undefined) return '';
  const change = total - first;
  if (change === 0) return 'same as the first';
  const size = `${change > 0 ? '+' : '−'}${Math.abs(change)}`;
  if (!series.band) return size;
  if (Math.abs(change) < series.band.threshold) return `${size}, no reliable change`;
  return `${size}, reliable ${change < 0 ? 'improvement' : 'deterioration'}`;
}

function SeriesTable({
  series,
  appointments,
}: {
  series: MeasureSeriesView;
  appointments: Appointments;
}) {
  const casenessLine = series.lines.find((l) => l.label.startsWith('Caseness'));
  return (
    <table className="table">
      <caption>{series.name} scores, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Taken</th>
          <th scope="col">Session</th>
          <th scope="col">Score</th>
          {casenessLine ? <th scope="col">Caseness</th> : null}
          <th scope="col">Change from the first</th>
        </tr>
      </thead>
      <tbody>
        {series.scores.map((s) => (
          <tr key={s.id}>
            <td>
              <Time iso={s.recordedAt} format="date" />
            </td>
            <td>{sessionLabel(s.appointmentId, appointments)}</td>
            <td>
              {s.total} of {series.max}
            </td>
            {casenessLine ? (
              <td>{s.total >= casenessLine.value ? 'At caseness' : 'Below caseness'}</td>
            ) : null}
            <td>{changeWords(series, s.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The measures over sessions, one small chart per measure (each its own scale), with the
 * caseness lines and the reliable-change band, the outcome so far in words, and the same
 * scores as tables for anyone who does not read the charts.
 */
export function MeasuresChart({
  patientId,
  appointments,
  outcome,
}: {
  patientId: string;
  appointments: Appointments;
  outcome: PatientDetail['outcome'];
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const query = useLiveQuery(useMeasureChartStore, { patientId }, patientId);
  if (query.error && !query.value) return <ErrorText error={query.error} />;
  const series = query.value?.series ?? [];
  if (series.length === 0) return null;
  return (
    <div className="measure-charts stack">
      <p>
        <strong>Outcome so far:</strong> {outcome?.label ?? 'Not assessed yet'}
      </p>
      <div className="measure-charts__grid">
        {series.map((s) => (
          <SeriesChart key={s.kind} series={s} />
        ))}
      </div>
      <button
        type="button"
        className="button--small"
        aria-expanded={asTable}
        aria-controls={`${id}-tables`}
        onClick={() => setAsTable((v) => !v)}
      >
        {asTable ? 'Hide the scores as tables' : 'Show the scores as tables'}
      </button>
      <div id={`${id}-tables`} hidden={!asTable}>
        {asTable
          ? series.map((s) => <SeriesTable key={s.kind} series={s} appointments={appointments} />)
          : null}
      </div>
    </div>
  );
}
