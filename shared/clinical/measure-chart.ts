import type { ServiceConfig } from './config';

/**
 * What a measures chart draws for one patient, from the service's thresholds: each measure's
 * scores in time order, its caseness line (PHQ-9 ≥ 10, GAD-7 ≥ 8, a configured ADSM's own;
 * WSAS has its two bands instead), and the reliable-change band around the first score — a
 * later score outside it is a reliable change (a change of exactly the threshold counts, as in
 * `reliableChange`). Whether the episode recovered is `episodeOutcome`'s business, not this.
 */
export interface ChartScore {
  readonly id: string;
  readonly recordedAt: string;
  readonly total: number;
  readonly appointmentId: string | null;
}

export interface ChartLine {
  readonly value: number;
  /** "Caseness (10 and above)". */
  readonly label: string;
}

export interface MeasureSeries {
  /** The wire kind: PHQ9, GAD7, WSAS or an ADSM's (SPIN, PDSS…). */
  readonly kind: string;
  readonly name: string;
  readonly max: number;
  readonly lines: readonly ChartLine[];
  /** Scores from `low` to `high` are no reliable change from the first; null: no threshold. */
  readonly band: { readonly low: number; readonly high: number; readonly threshold: number } | null;
  /** Oldest first. */
  readonly scores: readonly ChartScore[];
}

interface MeasureScale {
  name: string;
  max: number;
  lines: ChartLine[];
  reliableChange: number | null;
}

const caseness = (value: number): ChartLine => ({
  value,
  label: `Caseness (${value} and above)`,
});

function scaleOf(kind: string, config: ServiceConfig): MeasureScale {
  switch (kind) {
    case 'PHQ9':
      return {
        name: 'PHQ-9',
        max: 27,
        lines: [caseness(config.measures.phq9.caseness)],
        reliableChange: config.measures.phq9.reliableChange,
      };
    case 'GAD7':
      return {
        name: 'GAD-7',
        max: 21,
        lines: [caseness(config.measures.gad7.caseness)],
        reliableChange: config.measures.gad7.reliableChange,
      };
    case 'WSAS':
      // docs/domain.md: 10–20 significant impairment, above 20 moderately severe; no caseness.
      return {
        name: 'WSAS',
        max: 40,
        lines: [
          { value: 10, label: 'Significant impairment (10 to 20)' },
          { value: 21, label: 'Moderately severe (above 20)' },
        ],
        reliableChange: null,
      };
    default: {
      const adsm = config.measures.adsm.find((a) => a.id === kind.toLowerCase());
      // An ADSM the service has not configured: its scores, without invented thresholds.
      if (!adsm) return { name: kind, max: 0, lines: [], reliableChange: null };
      return {
        name: adsm.name,
        max: adsm.maxScore,
        lines: [caseness(adsm.caseness)],
        reliableChange: adsm.reliableChange,
      };
    }
  }
}

const ORDER = ['PHQ9', 'GAD7', 'WSAS'];

/** One series per measure recorded, PHQ-9, GAD-7, WSAS first, then any ADSM by name. */
export function measureChartSeries(
  records: readonly (ChartScore & { readonly kind: string })[],
  config: ServiceConfig,
): MeasureSeries[] {
  const byKind = new Map<string, ChartScore[]>();
  for (const r of records) {
    const list = byKind.get(r.kind) ?? [];
    list.push({
      id: r.id,
      recordedAt: r.recordedAt,
      total: r.total,
      appointmentId: r.appointmentId,
    });
    byKind.set(r.kind, list);
  }
  const rank = (kind: string) => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length);
  return [...byKind.keys()]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map((kind) => {
      const scale = scaleOf(kind, config);
      const scores = [...(byKind.get(kind) ?? [])].sort((a, b) =>
        a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0,
      );
      const first = scores[0]?.total;
      const max = Math.max(scale.max, ...scores.map((s) => s.total));
      const threshold = scale.reliableChange;
      return {
        kind,
        name: scale.name,
        max,
        lines: scale.lines,
        band:
          threshold === null || first === undefined
            ? null
            : {
                // Strictly inside: a change of exactly the threshold is reliable.
                low: Math.max(0, first - threshold + 1),
                high: Math.min(max, first + threshold - 1),
                threshold,
              },
        scores,
      };
    });
}
