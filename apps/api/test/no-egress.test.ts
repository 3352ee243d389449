import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The guard `npm test` and CI load into every Node process of the run (scripts/no-egress.cjs):
// proved here on a process of its own, so the proof holds whether or not this worker has it.
const GUARD = fileURLToPath(new URL("../../../scripts/no-egress.cjs", import.meta.url));

/** Runs `code` (an ES module body) in a fresh Node with the guard; returns what it printed and the log. */
async function runGuarded(code: string): Promise<{ out: string; log: string }> {
  const log = join(mkdtempSync(join(tmpdir(), "priyom-egress-test-")), "attempts.log");
  // Asynchronous: the loopback case talks to a server in this very process.
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    ["--require", GUARD, "--input-type=module", "-e", code],
    {
      env: { ...process.env, NODE_OPTIONS: "", PRIYOM_EGRESS_LOG: log },
      timeout: 20_000,
    },
  );
  // No attempt, no file: the guard writes only when it refuses something.
  const written = existsSync(log) ? readFileSync(log, "utf8") : "";
  return { out, log: written };
}

describe("no egress in the test run", () => {
  let server: ReturnType<typeof createServer>;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => socket.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("refuses an address beyond loopback at once, by fetch and by a raw socket, and writes it down", async () => {
    const { out, log } = await runGuarded(`
      import net from "node:net";
      const codes = [];
      try { await fetch("http://203.0.113.7/", { signal: AbortSignal.timeout(5000) }); codes.push("connected"); }
      catch (e) { codes.push(e.cause?.code ?? e.code); }
      await new Promise((resolve) => {
        const s = net.connect(443, "198.51.100.1");
        s.on("connect", () => { codes.push("connected"); s.destroy(); resolve(); });
        s.on("error", (e) => { codes.push(e.code); resolve(); });
      });
      console.log(JSON.stringify(codes));`);
    expect(JSON.parse(out.trim())).toEqual(["EGRESS_BLOCKED", "EGRESS_BLOCKED"]);
    expect(log).toContain("connect 203.0.113.7");
    expect(log).toContain("connect 198.51.100.1");
  });

  it("refuses to look up an outside name, so not even the resolver hears of it", async () => {
    const { out, log } = await runGuarded(`
      import dns from "node:dns";
      const viaCallback = await new Promise((resolve) => dns.lookup("example.org", (e) => resolve(e?.code ?? "resolved")));
      const viaPromise = await dns.promises.lookup("example.org").then(() => "resolved", (e) => e.code);
      console.log(JSON.stringify([viaCallback, viaPromise]));`);
    expect(JSON.parse(out.trim())).toEqual(["EGRESS_BLOCKED", "EGRESS_BLOCKED"]);
    expect(log).toContain("lookup example.org");
  });

  it("lets loopback through, by address and by the name localhost, and writes nothing", async () => {
    const { out, log } = await runGuarded(`
      import net from "node:net";
      const read = (host) => new Promise((resolve, reject) => {
        const s = net.connect(${port}, host);
        let text = "";
        s.on("data", (d) => (text += d));
        s.on("end", () => resolve(text));
        s.on("error", reject);
      });
      console.log(JSON.stringify([await read("127.0.0.1"), await read("localhost")]));`);
    expect(JSON.parse(out.trim())).toEqual(["hello", "hello"]);
    expect(log).toBe("");
  });
});
