/** Ordinal string order: the same on every machine, unlike localeCompare, so output stays byte-identical. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
