// Figure 1: the slot engine (domain generation → day bitmaps → bitmap search) against the plain
// oracle, alternating, the answers compared every round.
import { addDays } from "@priyom/domain";
import { engineGenerate, engineSearch } from "./slot-engine.ts";
import { oracleGenerate, oracleSearch } from "./slot-oracle.ts";
import { assertSameResult, slotWorkload } from "./slot-workload.ts";
import { alternate, median } from "./stats.ts";

export interface EngineFigure {
  doctors: number;
  days: number;
  generatedSlots: number;
  freeSlots: number;
  rounds: number;
  engineMs: { generate: number; search: number; total: number };
  oracleMs: { generate: number; search: number; total: number };
  speedUp: { generate: number; search: number; total: number };
  agreed: true;
}

const time = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
};

export async function engineFigure(doctors: number, days: number, rounds: number): Promise<EngineFigure> {
  const w = slotWorkload(doctors, days, addDays);
  const engine = { generate: [] as number[], search: [] as number[] };
  const oracle = { generate: [] as number[], search: [] as number[] };
  let last: ReturnType<typeof engineSearch> | null = null;
  const totals = await alternate(rounds, 0, {
    engine: () => {
      const [state, generateMs] = time(() => engineGenerate(w));
      // One search takes about a millisecond: the round's figure is the median of 21.
      const searches: number[] = [];
      for (let i = 0; i < 21; i++) {
        const [result, ms] = time(() => engineSearch(w, state));
        searches.push(ms);
        last = result;
      }
      engine.generate.push(generateMs);
      engine.search.push(median(searches));
      return generateMs + median(searches);
    },
    oracle: () => {
      const [slots, generateMs] = time(() => oracleGenerate(w));
      const [result, searchMs] = time(() => oracleSearch(w, slots));
      if (!last) throw new Error("The engine did not run");
      assertSameResult(last, result);
      oracle.generate.push(generateMs);
      oracle.search.push(searchMs);
      return generateMs + searchMs;
    },
  });
  const finalState = engineGenerate(w);
  const engineMs = {
    generate: median(engine.generate),
    search: median(engine.search),
    total: median(totals.engine),
  };
  const oracleMs = {
    generate: median(oracle.generate),
    search: median(oracle.search),
    total: median(totals.oracle),
  };
  return {
    doctors,
    days,
    generatedSlots: finalState.generated,
    freeSlots: finalState.free,
    rounds,
    engineMs,
    oracleMs,
    speedUp: {
      generate: oracleMs.generate / engineMs.generate,
      search: oracleMs.search / engineMs.search,
      total: oracleMs.total / engineMs.total,
    },
    agreed: true,
  };
}
