// Figures 6–9 (issue 7, «Weight and speed»): the federated front end against the monolithic
// yardstick (apps/monolith: the shell and every section as one Vite build), each served by the real
// API (`apps/api/src/server.ts`, demo data seeded) in Chromium (/usr/bin/chromium):
//   6  initial-route JavaScript on `/`, as Chromium counts it over the network, federated ÷ monolith;
//   7  Lighthouse mobile LCP of `/`, federated ÷ monolith and absolute;
//   8  INP of «pick a slot → confirm» under 4× CPU throttling (the worst interaction);
//   9  the partner widgets' scripts, gzip -9.
// And the checks of the issue, which fail the run when broken: no federation runtime and no
// remoteEntry.js on `/`; two sections opened, Vue downloaded and running once.
// It needs the built apps (CI builds before the bench); whatever is missing is built with turbo first.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import type { BenchSizes } from "./sizes.ts";
import { median } from "./stats.ts";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  // No egress, as in the browser journeys (e2e/src/harness.ts).
  "--proxy-server=http://127.0.0.1:9",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];
const PORTS = { federated: 47_461, monolith: 47_462, lighthouseDebugging: 47_463 } as const;
const WIDGETS = ["calendar", "referrals", "my-appointments"] as const;
const REMOTES = ["cabinet", "referrals", "calendar", "my-appointments", "staff"] as const;
/** The demo patient of the README (the same as e2e/src/harness.ts). */
const DEMO_PATIENT = {
  login: "ivanov@example.ru",
  password: "Priyom-demo-1",
  codeRecipient: "+79990000001",
  displayName: "Иванов Иван Иванович",
  referralNumber: "100200300",
};
/** A string only Vue's runtime-core has (`app.mount` marks its container): finds the chunk carrying Vue. */
const VUE_RUNTIME_MARK = "__vue_app__";
/** A string only the federation runtime has: finds every copy of it that was downloaded. */
const FEDERATION_RUNTIME_MARK = "__GLOBAL_LOADING_REMOTE_ENTRY__";

export type Build = "federated" | "monolith";

export interface ScriptBytes {
  /** Sum of CDP `Network.loadingFinished.encodedDataLength` of the script responses (headers included). */
  network: number;
  /** The same files gzipped here at level 6, whatever the server sent: comparable even without compression. */
  gzip6: number;
  /** Every script response came with `Content-Encoding: gzip` (or br). */
  compressed: boolean;
  files: { url: string; network: number; gzip6: number; encoding: string }[];
}

export interface FrontendFigures {
  /** Figure 6. */
  initialScript: Record<Build, ScriptBytes> & { ratio: number; gzip6Ratio: number };
  /** Figure 7: median LCP of `runs` Lighthouse runs per build and throttling. */
  lcp: {
    runs: number;
    simulatedMs: Record<Build, number>;
    simulatedRatio: number;
    unthrottledMs: Record<Build, number>;
    unthrottledRatio: number;
    samples: Record<"simulated" | "unthrottled", Record<Build, number[]>>;
  };
  /** Figure 8: the worst interaction (ms) and every interaction seen, per build. */
  inp: Record<Build, { worstMs: number; interactions: { type: string; durationMs: number }[] }>;
  /** Figure 9: gzip -9 bytes of each widget script; null when it is not built. */
  widgets: Record<(typeof WIDGETS)[number], number | null>;
  checks: {
    /** On `/` of the federated build: no remoteEntry.js requested, no federation runtime run. */
    noRemoteEntryOnHome: boolean;
    noFederationRuntimeOnHome: boolean;
    /** After opening «Мои направления» then «Запись к врачу» in one page. */
    twoSections: Record<
      Build,
      { vueChunks: number; vueRuntimes: number; federationRuntimeCopies: number; remoteEntries: number }
    >;
    vueOnce: boolean;
  };
  chromium: string;
  lighthouse: string;
}

interface Server {
  url: string;
  stop: () => Promise<void>;
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

async function waitForUrl(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** The real API with its demo data on a fresh embedded database, serving `webRoot` at `/`. */
async function startApi(port: number, webRoot: string): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), "priyom-bench-front-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: join(REPO_ROOT, "apps", "api"),
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      WEB_ROOT: webRoot,
      LOG_LEVEL: "warn",
      SEED_DEMO: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    // Seeding the demo's 8 weeks of slots: 15 s on an idle machine, a minute on a busy one.
    await waitForUrl(`${url}/readyz`, child, () => output, 240_000);
  } catch (error) {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds, with turbo (cached), whichever of the apps the figure needs has no dist yet. */
function ensureBuilt(out: (line?: string) => void): void {
  const needed = [
    ["@priyom/shell", "apps/shell/dist/index.html"],
    ["@priyom/monolith", "apps/monolith/dist/index.html"],
    ...REMOTES.map((name) => [`@priyom/${name}`, `apps/${name}/dist/remoteEntry.js`]),
  ].filter(([, file]) => !existsSync(join(REPO_ROOT, file ?? "")));
  if (needed.length === 0) return;
  out(`  building ${needed.map(([pkg]) => pkg).join(", ")} (no dist yet)`);
  const built = spawnSync(
    "pnpm",
    ["exec", "turbo", "run", "build", ...needed.map(([pkg]) => `--filter=${pkg}`)],
    { cwd: REPO_ROOT, stdio: "inherit" },
  );
  if (built.status !== 0) throw new Error("the front-end build failed");
}

/** Records every script response of a page (size over the network, body, encoding) through CDP. */
async function recordScripts(page: Page): Promise<{
  cdp: CDPSession;
  scripts: () => Promise<{ url: string; network: number; encoding: string; body: Buffer }[]>;
}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const responses = new Map<string, { url: string; encoding: string }>();
  const finished: { requestId: string; network: number }[] = [];
  cdp.on("Network.responseReceived", (e) => {
    if (e.type !== "Script") return;
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );
    responses.set(e.requestId, { url: e.response.url, encoding: String(headers["content-encoding"] ?? "") });
  });
  cdp.on("Network.loadingFinished", (e) => {
    finished.push({ requestId: e.requestId, network: e.encodedDataLength });
  });
  return {
    cdp,
    scripts: async () => {
      const all = [];
      for (const f of finished) {
        const response = responses.get(f.requestId);
        if (!response) continue;
        const { body, base64Encoded } = await cdp.send("Network.getResponseBody", { requestId: f.requestId });
        all.push({
          ...response,
          network: f.network,
          body: Buffer.from(body, base64Encoded ? "base64" : "utf8"),
        });
      }
      return all;
    },
  };
}

async function newPhonePage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "ru-RU" });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return { context, page };
}

/** Figure 6 and the home-page checks: the scripts Chromium downloads for `/`, nothing cached. */
async function initialScripts(
  browser: Browser,
  url: string,
): Promise<ScriptBytes & { federationRuntimeRan: boolean }> {
  const { context, page } = await newPhonePage(browser);
  try {
    const recorder = await recordScripts(page);
    await page.goto(`${url}/`, { waitUntil: "networkidle" });
    await page.locator("h1").first().waitFor();
    const files = (await recorder.scripts()).map((s) => ({
      url: new URL(s.url).pathname,
      network: s.network,
      gzip6: gzipSync(s.body, { level: 6 }).length,
      encoding: s.encoding,
    }));
    const federationRuntimeRan = await page.evaluate<boolean>('"__FEDERATION__" in window');
    return {
      network: files.reduce((sum, f) => sum + f.network, 0),
      gzip6: files.reduce((sum, f) => sum + f.gzip6, 0),
      compressed: files.length > 0 && files.every((f) => /gzip|br/.test(f.encoding)),
      files,
      federationRuntimeRan,
    };
  } finally {
    await context.close();
  }
}

/** Opens two sections by the shell's own menu (no reload) and counts Vue and runtime downloads. */
async function twoSections(
  browser: Browser,
  url: string,
): Promise<FrontendFigures["checks"]["twoSections"][Build]> {
  const { context, page } = await newPhonePage(browser);
  try {
    const recorder = await recordScripts(page);
    await page.goto(`${url}/`, { waitUntil: "networkidle" });
    for (const [link, remote] of [
      ["Мои направления", "referrals"],
      ["Запись к врачу", "calendar"],
    ] as const) {
      await page.getByRole("navigation").getByRole("link", { name: link }).click();
      await page.locator(`[data-remote="${remote}"][data-remote-state="mounted"]`).waitFor();
    }
    await page.waitForLoadState("networkidle");
    const scripts = await recorder.scripts();
    const text = scripts.map((s) => ({ url: s.url, body: s.body.toString("utf8") }));
    return {
      vueChunks: text.filter((s) => s.body.includes(VUE_RUNTIME_MARK)).length,
      vueRuntimes: await page.evaluate<number>("window.__PRIYOM_VUE_RUNTIMES__?.size ?? 0"),
      federationRuntimeCopies: text.filter((s) => s.body.includes(FEDERATION_RUNTIME_MARK)).length,
      remoteEntries: text.filter((s) => /remoteEntry/.test(s.url)).length,
    };
  } finally {
    await context.close();
  }
}

interface EventTimingEntry {
  name: string;
  duration: number;
  interactionId: number;
}

/**
 * Figure 8: signs the demo patient in, opens the calendar for the cardiologist referral and a day
 * with free time, then — with the CPU slowed 4× — clicks a free time and «Записаться», observing
 * Event Timing (threshold 16 ms). Interactions faster than 16 ms leave no entry: they count as 0.
 */
async function bookingInteractions(browser: Browser, url: string): Promise<FrontendFigures["inp"][Build]> {
  const { context, page } = await newPhonePage(browser);
  try {
    await page.goto(`${url}/cabinet/sign-in`);
    const cabinet = page.locator('[data-remote="cabinet"]');
    await cabinet.getByLabel("Телефон или электронная почта").fill(DEMO_PATIENT.login);
    await cabinet.getByLabel("Пароль", { exact: true }).fill(DEMO_PATIENT.password);
    await cabinet.getByRole("button", { name: "Войти" }).click();
    const code = page
      .locator(`[data-testid="dev-message"][data-recipient="${DEMO_PATIENT.codeRecipient}"]`)
      .first()
      .locator('[data-testid="dev-code"]');
    await code.waitFor();
    await cabinet
      .getByLabel(/Код/)
      .first()
      .fill(((await code.textContent()) ?? "").trim());
    await cabinet.getByRole("button", { name: "Подтвердить" }).click();
    await page.locator('[data-testid="shell-user"]').getByText(DEMO_PATIENT.displayName).waitFor();

    await page.getByRole("navigation").getByRole("link", { name: "Мои направления" }).click();
    await page
      .locator(
        `[data-remote="referrals"] [data-testid="referral-card"][data-number="${DEMO_PATIENT.referralNumber}"]`,
      )
      .getByRole("button", { name: "Записаться" })
      .click();
    const calendar = page.locator('[data-remote="calendar"]');
    const cards = calendar.locator('[data-testid="doctor-card"]');
    await cards.first().waitFor();
    await cards.first().getByRole("button", { name: "Все даты и время" }).click();
    await calendar.locator('[data-testid="month-day"]:not([aria-disabled])').first().click();
    const slot = calendar.locator('[data-testid="day-slot"]').first();
    await slot.waitFor();

    const cdp = await context.newCDPSession(page);
    // Runs in the page (the bench's own types know no DOM): keeps every event of an interaction.
    await page.evaluate(`(() => {
      const seen = (window.__benchEvents = []);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          if (e.interactionId) seen.push({ name: e.name, duration: e.duration, interactionId: e.interactionId });
      }).observe({ type: "event", durationThreshold: 16 });
    })()`);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    try {
      await slot.click();
      await calendar.locator('[data-testid="confirm-facts"]').waitFor();
      await calendar.locator('[data-testid="confirm-booking"]').click();
      await calendar.locator('[data-testid="ticket"]').waitFor();
      // Event Timing entries arrive after the next paint: give the slowed page time to paint.
      await page.waitForTimeout(1_000);
    } finally {
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    }
    const entries = await page.evaluate<EventTimingEntry[]>("window.__benchEvents");
    // An interaction's latency is its longest event (pointerdown, pointerup, click share one id).
    const byInteraction = new Map<number, { type: string; durationMs: number }>();
    for (const e of entries) {
      const known = byInteraction.get(e.interactionId);
      if (!known || e.duration > known.durationMs)
        byInteraction.set(e.interactionId, { type: e.name, durationMs: e.duration });
    }
    const interactions = [...byInteraction.values()];
    return { worstMs: Math.max(0, ...interactions.map((i) => i.durationMs)), interactions };
  } finally {
    await context.close();
  }
}

/** A Chromium for Lighthouse, which drives it over its remote-debugging port. */
async function startDebuggableChromium(port: number): Promise<{ stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "priyom-bench-lh-"));
  const child = spawn(
    CHROMIUM,
    [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let output = "";
  child.stderr?.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-5_000)));
  await waitForUrl(`http://127.0.0.1:${port}/json/version`, child, () => output, 30_000);
  return {
    stop: async () => {
      await stopProcess(child);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One Lighthouse mobile run (default config) of `url`: its LCP in ms. */
async function lighthouseLcp(
  url: string,
  port: number,
  throttlingMethod: "simulate" | "provided",
): Promise<number> {
  const { default: lighthouse } = await import("lighthouse");
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    throttlingMethod,
  });
  const lcp = result?.lhr.audits["largest-contentful-paint"]?.numericValue;
  if (typeof lcp !== "number") {
    const error = result?.lhr.runtimeError?.message ?? "no LCP in the report";
    throw new Error(`Lighthouse on ${url}: ${error}`);
  }
  return lcp;
}

function widgetSizes(): FrontendFigures["widgets"] {
  return Object.fromEntries(
    WIDGETS.map((name) => {
      const file = join(REPO_ROOT, "apps", name, "dist-widget", `priyom-${name}.js`);
      return [name, existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : null];
    }),
  ) as FrontendFigures["widgets"];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function frontendFigures(
  sizes: BenchSizes,
  out: (line?: string) => void,
): Promise<FrontendFigures> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  ensureBuilt(out);
  const webRoots: Record<Build, string> = {
    federated: join(REPO_ROOT, "apps", "shell", "dist"),
    monolith: join(REPO_ROOT, "apps", "monolith", "dist"),
  };
  const servers: Partial<Record<Build, Server>> = {};
  let browser: Browser | undefined;
  try {
    // One after the other: two demo seeds at once would only slow each other on a small machine.
    servers.federated = await startApi(PORTS.federated, webRoots.federated);
    servers.monolith = await startApi(PORTS.monolith, webRoots.monolith);
    const urls: Record<Build, string> = { federated: servers.federated.url, monolith: servers.monolith.url };
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS.slice(1),
    });
    const chromiumVersion = browser.version();

    const federatedHome = await initialScripts(browser, urls.federated);
    const monolithHome = await initialScripts(browser, urls.monolith);
    const { federationRuntimeRan, ...federatedBytes } = federatedHome;
    const { federationRuntimeRan: _monolithRuntime, ...monolithBytes } = monolithHome;
    out(
      `  6 initial-route JavaScript on /: federated ${kb(federatedBytes.network)} in ${federatedBytes.files.length} file(s), monolith ${kb(monolithBytes.network)} in ${monolithBytes.files.length} (over the network${federatedBytes.compressed && monolithBytes.compressed ? ", gzip" : ": NOT compressed by the server"}); gzip -6 of the same files ${kb(federatedBytes.gzip6)} / ${kb(monolithBytes.gzip6)}`,
    );

    const sections = {
      federated: await twoSections(browser, urls.federated),
      monolith: await twoSections(browser, urls.monolith),
    };
    out(
      `  two sections opened: Vue downloaded ${sections.federated.vueChunks}× / running ${sections.federated.vueRuntimes}× (federated), ${sections.monolith.vueChunks}× / ${sections.monolith.vueRuntimes}× (monolith); federation runtime copies ${sections.federated.federationRuntimeCopies}, remoteEntry files ${sections.federated.remoteEntries}`,
    );

    const inp = {
      federated: await bookingInteractions(browser, urls.federated),
      monolith: await bookingInteractions(browser, urls.monolith),
    };
    out(
      `  8 pick a slot → confirm, CPU 4× slower: worst interaction ${inp.federated.worstMs} ms federated (${inp.federated.interactions.length} over 16 ms), ${inp.monolith.worstMs} ms monolith`,
    );
    await browser.close();
    browser = undefined;

    // Lighthouse: alternating builds, each run in a fresh tab of the same debuggable Chromium.
    const lighthouseVersion = (
      JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("lighthouse")), "utf8")) as {
        version: string;
      }
    ).version;
    const runs = sizes.frontend.lighthouseRuns;
    const samples = {
      simulated: { federated: [] as number[], monolith: [] as number[] },
      unthrottled: { federated: [] as number[], monolith: [] as number[] },
    };
    const debuggable = await startDebuggableChromium(PORTS.lighthouseDebugging);
    try {
      for (let run = 0; run < runs; run++) {
        for (const build of ["federated", "monolith"] as const) {
          samples.simulated[build].push(
            await lighthouseLcp(`${urls[build]}/`, PORTS.lighthouseDebugging, "simulate"),
          );
          samples.unthrottled[build].push(
            await lighthouseLcp(`${urls[build]}/`, PORTS.lighthouseDebugging, "provided"),
          );
        }
      }
    } finally {
      await debuggable.stop();
    }
    const lcp = {
      runs,
      simulatedMs: {
        federated: median(samples.simulated.federated),
        monolith: median(samples.simulated.monolith),
      },
      unthrottledMs: {
        federated: median(samples.unthrottled.federated),
        monolith: median(samples.unthrottled.monolith),
      },
      simulatedRatio: 0,
      unthrottledRatio: 0,
      samples,
    };
    lcp.simulatedRatio = lcp.simulatedMs.federated / lcp.simulatedMs.monolith;
    lcp.unthrottledRatio = lcp.unthrottledMs.federated / lcp.unthrottledMs.monolith;
    out(
      `  7 Lighthouse mobile LCP of /, median of ${runs}: simulated throttling ${lcp.simulatedMs.federated.toFixed(0)} / ${lcp.simulatedMs.monolith.toFixed(0)} ms, unthrottled ${lcp.unthrottledMs.federated.toFixed(0)} / ${lcp.unthrottledMs.monolith.toFixed(0)} ms (federated / monolith)`,
    );

    const widgets = widgetSizes();
    out(
      `  9 widget scripts (gzip -9): ${WIDGETS.map((w) => `${w} ${widgets[w] === null ? "not built" : kb(widgets[w])}`).join(", ")}`,
    );

    return {
      initialScript: {
        federated: federatedBytes,
        monolith: monolithBytes,
        ratio: federatedBytes.network / monolithBytes.network,
        gzip6Ratio: federatedBytes.gzip6 / monolithBytes.gzip6,
      },
      lcp,
      inp,
      widgets,
      checks: {
        noRemoteEntryOnHome: !federatedBytes.files.some((f) => /remoteEntry/.test(f.url)),
        noFederationRuntimeOnHome: !federationRuntimeRan,
        twoSections: sections,
        vueOnce: (["federated", "monolith"] as const).every(
          (b) => sections[b].vueChunks === 1 && sections[b].vueRuntimes === 1,
        ),
      },
      chromium: chromiumVersion,
      lighthouse: lighthouseVersion,
    };
  } finally {
    await browser?.close();
    await servers.federated?.stop();
    await servers.monolith?.stop();
  }
}
