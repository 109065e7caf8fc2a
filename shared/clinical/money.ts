/**
 * Money is integer pence. One rounding rule, to the nearest penny with halves rounded up,
 * applied twice: first to the session pay, then to the holiday pay on that rounded amount.
 * docs/domain.md fixes it: £9.38 for a 45-minute PWP DNA needs 937.5p → 938p (half up), and
 * £22.41 for a 60-minute step 3 DNA needs half the rate first (2000p) plus
 * 12.07 % of it (241.4p → 241p); halving the £44.83 total instead would give 2241.5p.
 */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  if (
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    numerator < 0 ||
    denominator <= 0
  ) {
    throw new RangeError(`Cannot round ${numerator}/${denominator} to pence`);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** 4483 → "44.83"; amounts are never negative here. */
export function formatPounds(pence: number): string {
  return `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

export interface SessionPay {
  basePence: number;
  holidayPence: number;
  totalPence: number;
}

/**
 * Pay for one session: the hourly rate pro rata to its minutes (times `fraction`, 1 or
 * 1/2), then holiday pay in basis points of that.
 */
export function sessionPay(
  hourlyRatePence: number,
  minutes: number,
  fraction: 'full' | 'half',
  holidayPayBasisPoints: number,
): SessionPay {
  const divisor = fraction === 'full' ? 60 : 120;
  const basePence = divideRoundingHalfUp(hourlyRatePence * minutes, divisor);
  const holidayPence = divideRoundingHalfUp(basePence * holidayPayBasisPoints, 10_000);
  return { basePence, holidayPence, totalPence: basePence + holidayPence };
}
