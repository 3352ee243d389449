import type { TRegistryCheckState } from "@priyom/contracts";
import type { AppServices } from "../../context.ts";
import type { RegistryPerson } from "../../registries/types.ts";

export type ProfileDeps = Pick<AppServices, "db" | "cipher" | "registries" | "logger">;

export interface CheckOutcome {
  state: TRegistryCheckState;
  checkedAt: Date | null;
}

const NOT_CHECKED: CheckOutcome = { state: "not_checked", checkedAt: null };

/**
 * Asks both registries about one person's numbers, each on its own: an outage or timeout of one
 * registry gives `unavailable` for its number and never stops the other check. A missing number
 * is `not_checked`. Logs only which registry failed, never the person or the number.
 */
export async function checkIdentifiers(
  deps: Pick<ProfileDeps, "registries" | "logger">,
  person: RegistryPerson,
  numbers: { snils: string | null; enp: string | null },
  requestId?: string,
): Promise<{ snils: CheckOutcome; enp: CheckOutcome }> {
  const run = async (registry: "pension" | "insurance", ask: () => Promise<"verified" | "not_found">) => {
    try {
      return { state: await ask(), checkedAt: new Date() } satisfies CheckOutcome;
    } catch (error) {
      deps.logger.warn("registry unavailable", {
        registry,
        error: error instanceof Error ? error.name : "unknown",
        requestId: requestId ?? null,
      });
      return { state: "unavailable", checkedAt: new Date() } satisfies CheckOutcome;
    }
  };
  const { snils, enp } = numbers;
  const [snilsOutcome, enpOutcome] = await Promise.all([
    snils === null ? NOT_CHECKED : run("pension", () => deps.registries.pension.checkSnils(snils, person)),
    enp === null ? NOT_CHECKED : run("insurance", () => deps.registries.insurance.checkPolicy(enp, person)),
  ]);
  return { snils: snilsOutcome, enp: enpOutcome };
}
