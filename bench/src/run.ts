// `pnpm bench`: figures and ratios, never assertions. Each workload runs a warm-up, then is timed
// over repeated rounds; the median round is reported.
import { freeSearchWorkload } from "./free-search.ts";

const report = [freeSearchWorkload()];
for (const section of report) {
  process.stdout.write(`\n${section.title}\n`);
  for (const m of section.measurements) {
    process.stdout.write(
      `  ${m.name.padEnd(58)} ${m.medianMs.toFixed(3).padStart(10)} ms  (median of ${m.rounds})\n`,
    );
  }
  for (const line of section.ratios) process.stdout.write(`  ${line}\n`);
}
