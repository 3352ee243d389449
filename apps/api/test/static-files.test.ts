import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "./test-services.ts";

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "priyom-static-"));
  const web = join(dir, "shell");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>Приём</title><div id=app></div>");
  writeFileSync(join(web, "assets", "index-abc123.js"), "console.log('shell')");
  const remote = join(dir, "remotes", "calendar", "dist");
  mkdirSync(join(remote, "assets"), { recursive: true });
  writeFileSync(join(remote, "remoteEntry.js"), "export const entry = 1;");
  writeFileSync(join(remote, "assets", "mount-def456.js"), "export const m = 1;");
  writeFileSync(
    join(dir, "remotes.json"),
    JSON.stringify({ calendar: { entry: "/remotes/calendar/remoteEntry.js", version: "0.1.0" } }),
  );
  ctx = await createTestContext({
    webRoot: web,
    remotesRoot: join(dir, "remotes"),
    remotesJson: join(dir, "remotes.json"),
  });
});

afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("single-process mode: the API serves the built front end", () => {
  it("serves the shell at / and its page for any section path (history-mode routing)", async () => {
    for (const path of ["/", "/calendar", "/appointments/123"]) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain("<title>Приём</title>");
      expect(res.headers.get("Cache-Control")).toBe("no-cache");
    }
  });

  it("caches hashed assets forever but never the remote entry", async () => {
    const asset = await ctx.app.request("/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("Cache-Control")).toContain("immutable");

    const entry = await ctx.app.request("/remotes/calendar/remoteEntry.js");
    expect(entry.status).toBe(200);
    expect(await entry.text()).toContain("entry = 1");
    expect(entry.headers.get("Cache-Control")).toBe("no-cache");
    expect(entry.headers.get("Access-Control-Allow-Origin")).toBe("*");

    const chunk = await ctx.app.request("/remotes/calendar/assets/mount-def456.js");
    expect(chunk.headers.get("Cache-Control")).toContain("immutable");
  });

  it("answers a missing file with 404, not with the shell page", async () => {
    expect((await ctx.app.request("/remotes/calendar/missing.js")).status).toBe(404);
    expect((await ctx.app.request("/assets/nothing-here.js")).status).toBe(404);
    expect((await ctx.app.request("/remotes/referrals/remoteEntry.js")).status).toBe(404);
  });

  it("reads remotes.json from disk on every request: an edit needs no restart", async () => {
    const first = (await (await ctx.app.request("/remotes.json")).json()) as Record<
      string,
      { entry: string }
    >;
    expect(first.calendar?.entry).toBe("/remotes/calendar/remoteEntry.js");
    writeFileSync(
      join(dir, "remotes.json"),
      JSON.stringify({ calendar: { entry: "http://localhost:4999/remoteEntry.js", version: "0.2.0" } }),
    );
    const res = await ctx.app.request("/remotes.json");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const second = (await res.json()) as Record<string, { entry: string }>;
    expect(second.calendar?.entry).toBe("http://localhost:4999/remoteEntry.js");
  });

  it("still answers API paths with JSON", async () => {
    const res = await ctx.app.request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toContain("application/json");
  });

  it("gives pages a policy without inline scripts that allows the remotes remotes.json names", async () => {
    const listed = JSON.stringify({
      calendar: { entry: "/remotes/calendar/remoteEntry.js", version: "0.1.0" },
      referrals: {
        entry: "https://static.example.ru/priyom/referrals/0.2.0/remoteEntry.js",
        version: "0.2.0",
      },
    });
    writeFileSync(join(dir, "remotes.json"), listed);
    const page = await ctx.app.request("/calendar");
    const policy = page.headers.get("Content-Security-Policy") ?? "";
    const scripts = /script-src ([^;]+)/.exec(policy)?.[1] ?? "";
    expect(scripts).toBe("'self' https://static.example.ru");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(page.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(page.headers.get("X-Frame-Options")).toBe("DENY");
    expect(page.headers.get("X-Powered-By")).toBeNull();
    // The script of a page is not a page: no policy of its own, still never sniffed.
    const asset = await ctx.app.request("/assets/index-abc123.js");
    expect(asset.headers.get("Content-Security-Policy")).toBeNull();
    expect(asset.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
