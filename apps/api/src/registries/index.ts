import type { AppConfig } from "../env.ts";
import { createDemoRegistries } from "./demo-registry.ts";
import { createHttpInsuranceRegistry, createHttpPensionRegistry } from "./http-registry.ts";
import type { Registries } from "./types.ts";

export { createDemoRegistries, DEMO_IDENTITIES, type DemoIdentity } from "./demo-registry.ts";
export {
  createHttpInsuranceRegistry,
  createHttpPensionRegistry,
  REGISTRY_TIMEOUT_MS,
  RegistryUnavailableError,
} from "./http-registry.ts";
export type * from "./types.ts";

/**
 * The registries the configuration names: HTTP adapters for `INSURANCE_REGISTRY_URL` /
 * `PENSION_REGISTRY_URL`, the built-in demo registry for whichever is not set.
 */
export function createRegistries(
  config: Pick<AppConfig, "insuranceRegistryUrl" | "pensionRegistryUrl">,
): Registries {
  const demo = createDemoRegistries();
  return {
    insurance: config.insuranceRegistryUrl
      ? createHttpInsuranceRegistry(config.insuranceRegistryUrl)
      : demo.insurance,
    pension: config.pensionRegistryUrl ? createHttpPensionRegistry(config.pensionRegistryUrl) : demo.pension,
  };
}
