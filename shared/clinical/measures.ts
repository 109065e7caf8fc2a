import type { Adsm, ServiceConfig } from './config';

/** Invalid measure input: a clear error, never a wrong score. */
export class MeasureInputError extends Error {
  override name = 'MeasureInputError';
}

interface ItemMeasure {
  name: string;
  items: number;
  itemMax: number;
}
const PHQ9: ItemMeasure = { name: 'PHQ-9', items: 9, itemMax: 3 };
const GAD7: ItemMeasure = { name: 'GAD-7', items: 7, itemMax: 3 };
const WSAS: ItemMeasure = { name: 'WSAS', items: 5, itemMax: 8 };

/** Sums items after checking count, presence, integrality and range of every item. */
function sumItems(measure: ItemMeasure, items: readonly unknown[]): number {
  if (!Array.isArray(items)) throw new MeasureInputError(`${measure.name}: items must be a list`);
  if (items.length !== measure.items) {
    throw new MeasureInputError(
      `${measure.name} needs ${measure.items} items, got ${items.length}`,
    );
  }
  let total = 0;
  for (let i = 0; i < measure.items; i += 1) {
    const value: unknown = items[i];
    if (value === undefined || value === null) {
      throw new MeasureInputError(`${measure.name} item ${i + 1} is missing`);
    }
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 0 ||
      value > measure.itemMax
    ) {
      throw new MeasureInputError(
        `${measure.name} item ${i + 1} is ${String(value)}; items score whole numbers 0–${measure.itemMax}`,
      );
    }
    total += value;
  }
  return total;
}

export type Phq9Severity = 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';
export type Gad7Severity = 'minimal' | 'mild' | 'moderate' | 'severe';
export type WsasBand = 'subclinical' | 'significant' | 'moderately_severe_or_worse';

export interface Phq9Score {
  total: number;
  severity: Phq9Severity;
  caseness: boolean;
  /** Item 9 (thoughts of self-harm) above 0: must be visible. */
  riskFlag: boolean;
  item9: number;
}

export interface Gad7Score {
  total: number;
  severity: Gad7Severity;
  caseness: boolean;
}

export interface WsasScore {
  total: number;
  band: WsasBand;
}

/** Kroenke et al. 2001 bands: 5, 10, 15, 20. */
export function phq9Severity(total: number): Phq9Severity {
  if (total >= 20) return 'severe';
  if (total >= 15) return 'moderately_severe';
  if (total >= 10) return 'moderate';
  return total >= 5 ? 'mild' : 'minimal';
}

/** Spitzer et al. 2006 bands: 5, 10, 15. */
export function gad7Severity(total: number): Gad7Severity {
  if (total >= 15) return 'severe';
  if (total >= 10) return 'moderate';
  return total >= 5 ? 'mild' : 'minimal';
}

/** docs/domain.md: over 20 moderately severe (or worse), 10–20 significant impairment. */
export function wsasBand(total: number): WsasBand {
  if (total > 20) return 'moderately_severe_or_worse';
  return total >= 10 ? 'significant' : 'subclinical';
}

export function scorePhq9(items: readonly number[], config: ServiceConfig): Phq9Score {
  const total = sumItems(PHQ9, items);
  const item9 = items[8] as number;
  return {
    total,
    severity: phq9Severity(total),
    caseness: total >= config.measures.phq9.caseness,
    riskFlag: item9 > 0,
    item9,
  };
}

export function scoreGad7(items: readonly number[], config: ServiceConfig): Gad7Score {
  const total = sumItems(GAD7, items);
  return { total, severity: gad7Severity(total), caseness: total >= config.measures.gad7.caseness };
}

export function scoreWsas(items: readonly number[]): WsasScore {
  const total = sumItems(WSAS, items);
  return { total, band: wsasBand(total) };
}

/** The configured ADSM with this id, or a clear error. */
export function findAdsm(adsmId: string, config: ServiceConfig): Adsm {
  const adsm = config.measures.adsm.find((a) => a.id === adsmId);
  if (adsm === undefined) {
    throw new MeasureInputError(`ADSM "${adsmId}" has no thresholds in the service configuration`);
  }
  return adsm;
}

export function scoreAdsm(
  adsmId: string,
  total: number,
  config: ServiceConfig,
): { total: number; caseness: boolean } {
  const adsm = findAdsm(adsmId, config);
  if (!Number.isInteger(total) || total < 0 || total > adsm.maxScore) {
    throw new MeasureInputError(
      `${adsm.name} total is ${total}; it scores whole numbers 0–${adsm.maxScore}`,
    );
  }
  return { total, caseness: total >= adsm.caseness };
}

export type ReliableChange = 'improved' | 'deteriorated' | 'no_reliable_change';

/** Lower is better on every measure here; a change of exactly the threshold is reliable. */
export function reliableChange(first: number, last: number, threshold: number): ReliableChange {
  if (first - last >= threshold) return 'improved';
  if (last - first >= threshold) return 'deteriorated';
  return 'no_reliable_change';
}
