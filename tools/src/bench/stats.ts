/** Figures as the benchmarks report them: two decimals. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The median (the mean of the middle two for an even count), to two decimals; 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round2(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}
