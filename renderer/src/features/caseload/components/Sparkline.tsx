import { describeScoreTrend } from '../../../../../shared/clinical';

const WIDTH = 56;
const HEIGHT = 16;

/**
 * A measure's latest score and its trend as a small line (oldest left). The drawing is hidden
 * from screen readers; the same facts are read out in words (shared/clinical
 * describeScoreTrend). The scale is the measure's whole range, so rows compare at a glance.
 */
export function ScoreWithTrend({
  measureName,
  values,
  max,
}: {
  measureName: string;
  values: readonly number[];
  max: number;
}) {
  const latest = values.at(-1);
  if (latest === undefined) return <span className="muted">none</span>;
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const points = values
    .map((v, i) => `${(i * step).toFixed(1)},${(HEIGHT - 1 - (v / max) * (HEIGHT - 2)).toFixed(1)}`)
    .join(' ');
  return (
    <span className="score-trend">
      <span aria-hidden="true" className="score-trend__value">
        {latest}
      </span>
      {values.length > 1 ? (
        <svg
          aria-hidden="true"
          focusable="false"
          className="score-trend__line"
          width={WIDTH}
          height={HEIGHT}
          viewBox={`-1 0 ${WIDTH + 2} ${HEIGHT}`}
        >
          <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      ) : null}
      <span className="visually-hidden">{describeScoreTrend(measureName, values)}</span>
    </span>
  );
}
