import type { Prng } from './prng';

export type Trajectory = 'recovers' | 'improves' | 'plateaus' | 'deteriorates';

export const TRAJECTORIES: readonly (readonly [Trajectory, number])[] = [
  ['recovers', 45],
  ['improves', 20],
  ['plateaus', 27],
  ['deteriorates', 8],
];

/** A score at step `k` of `n` from a starting score, following the trajectory, within [0, max]. */
export const scoreAt = (
  prng: Prng,
  trajectory: Trajectory,
  start: number,
  k: number,
  n: number,
  max: number,
  caseness: number,
) => {
  const progress = n <= 1 ? 0 : k / (n - 1);
  const target = {
    recovers: Math.max(0, Math.round(caseness * 0.5)),
    improves: Math.max(caseness, start - Math.round(max * 0.25)),
    plateaus: start,
    deteriorates: Math.min(max, start + Math.round(max * 0.25)),
  }[trajectory];
  const noise = prng.int(-2, 2);
  return Math.min(max, Math.max(0, Math.round(start + (target - start) * progress + noise)));
};

/** Spreads a total over `count` items each in [0, itemMax] (PHQ-9: 9 × 0–3). */
export const itemsFor = (
  prng: Prng,
  total: number,
  count: number,
  itemMax: number,
  fixed: Record<number, number> = {},
) => {
  const items = Array.from({ length: count }, (_, i) => fixed[i] ?? 0);
  let remaining = Math.min(total, count * itemMax) - items.reduce((a, b) => a + b, 0);
  while (remaining > 0) {
    const i = prng.int(0, count - 1);
    if (i in fixed || (items[i] ?? 0) >= itemMax) {
      if (items.every((v, j) => j in fixed || v >= itemMax)) break;
      continue;
    }
    items[i] = (items[i] ?? 0) + 1;
    remaining--;
  }
  return items;
};

/** ADSM ranges (total only): the service's thresholds live in configuration. */
export const ADSM_MAX: Record<string, number> = { SPIN: 68, PDSS: 28, OCI: 72, PCL5: 80, HAI: 54 };
export const ADSM_THRESHOLDS: Record<string, { caseness: number; reliableChange: number }> = {
  SPIN: { caseness: 19, reliableChange: 10 },
  PDSS: { caseness: 8, reliableChange: 5 },
  OCI: { caseness: 14, reliableChange: 14 },
  PCL5: { caseness: 32, reliableChange: 10 },
  HAI: { caseness: 18, reliableChange: 4 },
};
