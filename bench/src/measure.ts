/** A timed workload: the median of its rounds after a warm-up. */
export interface Measurement {
  name: string;
  medianMs: number;
  rounds: number;
}

export function measure(name: string, rounds: number, fn: () => unknown): Measurement {
  for (let i = 0; i < Math.min(5, rounds); i++) fn();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, rounds };
}
