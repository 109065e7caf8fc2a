import { z } from 'zod';

/**
 * The Cognitive Therapy Scale – Revised: 12 items, each scored 0–6, total 0–72. Competence
 * is a total at or above the service's threshold (`supervision.ctsrCompetenceThreshold`,
 * 36 by default). An item the supervisor has not scored is *unscored*, never 0: a rating
 * with an unscored item is a draft, not a rating, and is refused with the items named.
 */
export const CTSR_ITEMS = [
  'Agenda setting',
  'Feedback',
  'Collaboration',
  'Pacing and efficient use of time',
  'Interpersonal effectiveness',
  'Eliciting emotional expression',
  'Eliciting key cognitions',
  'Eliciting behaviours',
  'Guided discovery',
  'Conceptual integration',
  'Application of change methods',
  'Homework setting',
] as const;
export const CTSR_ITEM_COUNT = CTSR_ITEMS.length;
export const CTSR_ITEM_MAX = 6;
export const CTSR_TOTAL_MAX = CTSR_ITEM_COUNT * CTSR_ITEM_MAX;

const OUT_OF_RANGE = `an item is scored with a whole number from 0 to ${CTSR_ITEM_MAX}`;

/** One item's score: a whole number 0–6, or null while unscored. */
export const CtsrScoreSchema = z
  .int({ error: OUT_OF_RANGE })
  .min(0, { error: OUT_OF_RANGE })
  .max(CTSR_ITEM_MAX, { error: OUT_OF_RANGE })
  .nullable();

/** The names of the unscored items, in form order. */
export function unscoredCtsrItems(scores: readonly (number | null)[]): string[] {
  return CTSR_ITEMS.filter((_, i) => scores[i] === null || scores[i] === undefined);
}

/** "Not scored yet: Feedback, Homework setting." — or null when every item is scored. */
export function missingCtsrItemsText(scores: readonly (number | null)[]): string | null {
  const missing = unscoredCtsrItems(scores);
  return missing.length === 0
    ? null
    : `${missing.length === 1 ? 'One item is' : `${missing.length} items are`} not scored yet: ${missing.join(', ')}.`;
}

/**
 * Twelve scores, each 0–6 or null; a draft may hold nulls (`ctsrDraftScores`), a submitted
 * rating may not (`ctsrSubmittedScores`, which names the unscored items).
 */
export const ctsrDraftScores = z.array(CtsrScoreSchema).length(CTSR_ITEM_COUNT, {
  error: `the CTS-R has ${CTSR_ITEM_COUNT} items`,
});
export const ctsrSubmittedScores = ctsrDraftScores.superRefine((scores, ctx) => {
  const text = missingCtsrItemsText(scores);
  if (text) ctx.addIssue({ code: 'custom', message: text });
});
/** Per-item notes, one per item (empty when none). */
export const ctsrItemNotes = (maxLength: number) =>
  z
    .array(z.string().max(maxLength))
    .length(CTSR_ITEM_COUNT, { error: `the CTS-R has ${CTSR_ITEM_COUNT} items` });

/** A submitted rating's scores with every item scored; throws `CtsrIncomplete` otherwise. */
export function completeCtsrScores(scores: readonly (number | null)[]): number[] {
  const text = missingCtsrItemsText(scores);
  if (text !== null || scores.length !== CTSR_ITEM_COUNT) {
    throw new CtsrIncomplete(text ?? `The CTS-R has ${CTSR_ITEM_COUNT} items.`);
  }
  return scores.map((s) => {
    if (s === null || !Number.isInteger(s) || s < 0 || s > CTSR_ITEM_MAX)
      throw new CtsrIncomplete(`Each CTS-R item is scored 0 to ${CTSR_ITEM_MAX}.`);
    return s;
  });
}
export class CtsrIncomplete extends Error {
  override readonly name = 'CtsrIncomplete';
}

/**
 * What a person typed in an item's box: empty is unscored; anything but a whole number 0–6
 * is refused in words, never clamped (a typed 9 must not become 6).
 */
export type CtsrScoreInput =
  | { readonly kind: 'unscored' }
  | { readonly kind: 'score'; readonly value: number }
  | { readonly kind: 'invalid'; readonly message: string };
export function readCtsrScore(typed: string): CtsrScoreInput {
  const text = typed.trim();
  if (text === '') return { kind: 'unscored' };
  if (!/^-?\d+(\.\d+)?$/.test(text))
    return { kind: 'invalid', message: `“${text}” is not a score: type a whole number 0 to 6.` };
  const value = Number(text);
  if (!Number.isInteger(value))
    return { kind: 'invalid', message: `${text} is not a whole number: score 0 to 6.` };
  if (value < 0 || value > CTSR_ITEM_MAX)
    return { kind: 'invalid', message: `${text} is out of range: score 0 to 6.` };
  return { kind: 'score', value };
}

export interface CtsrSummary {
  /** Items scored so far. */
  readonly scored: number;
  readonly unscored: readonly string[];
  /** Sum of the scored items (out of 72 only once complete). */
  readonly partialTotal: number;
  /** The total out of 72, or null while an item is unscored. */
  readonly total: number | null;
  /** At or above the threshold; null while an item is unscored. */
  readonly competent: boolean | null;
  readonly threshold: number;
}
export function ctsrSummary(scores: readonly (number | null)[], threshold: number): CtsrSummary {
  const unscored = unscoredCtsrItems(scores);
  const partialTotal = scores.reduce<number>((sum, s) => sum + (s ?? 0), 0);
  const complete = unscored.length === 0;
  return {
    scored: CTSR_ITEM_COUNT - unscored.length,
    unscored,
    partialTotal,
    total: complete ? partialTotal : null,
    competent: complete ? partialTotal >= threshold : null,
    threshold,
  };
}
