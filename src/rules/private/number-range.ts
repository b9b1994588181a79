/** A whole-number range a numeric field must lie in (both ends included). */
export interface WholeRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Why a number is not a whole number in the range, naming the number: `25 is above 20`,
 * `5.5 is not a whole number`, `0.5 is below 1 and not a whole number`. Undefined when it is fine.
 * (NaN and infinities never get here: the schema refuses them, GE001.)
 */
export function wholeRangeProblem(value: number, range: WholeRange): string | undefined {
  const reasons: string[] = [];
  if (value < range.min) reasons.push(`below ${range.min}`);
  if (value > range.max) reasons.push(`above ${range.max}`);
  if (!Number.isInteger(value)) reasons.push("not a whole number");
  return reasons.length === 0 ? undefined : `${String(value)} is ${reasons.join(" and ")}`;
}
