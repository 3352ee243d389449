declare global {
  interface Window {
    /** Dev check: the `createApp` of every Vue copy that mounted an app; one entry = one Vue runtime. */
    __PRIYOM_VUE_RUNTIMES__?: Set<unknown>;
  }
}

/**
 * Records which Vue runtime a mount runs with (its `createApp` function). With the shared singletons
 * working, the set holds exactly one function however many remotes mounted.
 * @example registerVueRuntime(createApp); window.__PRIYOM_VUE_RUNTIMES__?.size // 1
 */
export function registerVueRuntime(createAppFn: unknown): void {
  if (typeof window === "undefined") return;
  const runtimes = (window.__PRIYOM_VUE_RUNTIMES__ ??= new Set<unknown>());
  runtimes.add(createAppFn);
}
