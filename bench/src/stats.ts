// Medians, and the pair runner: A, B, A, B … so that drift of a busy machine hits both sides alike.

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Runs `warmUp` unrecorded rounds, then `rounds` recorded ones; each round calls every step in order
 * (A, B, …) and records what it returns (a rate or a time). Returns each step's values.
 */
export async function alternate<K extends string>(
  rounds: number,
  warmUp: number,
  steps: Record<K, (round: number) => Promise<number> | number>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(steps) as K[];
  const values = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = -warmUp; round < rounds; round++) {
    for (const name of names) {
      const value = await steps[name](round);
      if (round >= 0) values[name].push(value);
    }
  }
  return values;
}
