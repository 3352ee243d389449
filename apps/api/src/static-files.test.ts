import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../test/test-services.ts";

let ctx: TestContext;
let dir: string;

/** Well over the 1 KB below which nothing is compressed. */
const WIDGET_JS = `customElements.define("priyom-calendar", class extends HTMLElement {});\n${"// padding\n".repeat(400)}`;
const SHELL_JS = `console.log("shell");\n${"// padding\n".repeat(400)}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "priyom-widgets-"));
  const web = join(dir, "shell");
  mkdirSync(join(web, "assets"), { recursive: true });
  writeFileSync(join(web, "index.html"), "<!doctype html><title>Приём</title><div id=app></div>");
  writeFileSync(join(web, "assets", "index-abc123.js"), SHELL_JS);
  // Every remote's folder exists, as after a full build; only the calendar's widget is built.
  for (const name of ["cabinet", "referrals", "calendar", "my-appointments", "staff"]) {
    mkdirSync(join(dir, "remotes", name, "dist"), { recursive: true });
  }
  const widget = join(dir, "remotes", "calendar", "dist-widget");
  mkdirSync(widget, { recursive: true });
  writeFileSync(join(widget, "priyom-calendar.js"), WIDGET_JS);
  writeFileSync(join(widget, "priyom-calendar.css"), ":host { display: block; }");
  writeFileSync(join(dir, "remotes.json"), JSON.stringify({}));
  ctx = await createTestContext({
    webRoot: web,
    remotesRoot: join(dir, "remotes"),
    remotesJson: join(dir, "remotes.json"),
    sseHeartbeatSeconds: 1,
  });
});

afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("widget files for partner pages", () => {
  it("serves the calendar widget's script and styles to any origin, revalidated on every use", async () => {
    const js = await ctx.app.request("/widgets/priyom-calendar.js", {
      headers: { Origin: "https://portal.example.ru" },
    });
    expect(js.status).toBe(200);
    expect(await js.text()).toBe(WIDGET_JS);
    expect(js.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(js.headers.get("Cache-Control")).toBe("no-cache");
    expect(js.headers.get("Content-Type")).toMatch(/^text\/javascript/);

    const css = await ctx.app.request("/widgets/priyom-calendar.css");
    expect(css.status).toBe(200);
    expect(css.headers.get("Content-Type")).toMatch(/^text\/css/);
    expect(css.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(css.headers.get("Cache-Control")).toBe("no-cache");

    const etag = js.headers.get("ETag") ?? "";
    const again = await ctx.app.request("/widgets/priyom-calendar.js", {
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);
  });

  it("answers 404 for a widget not built and for names outside the list", async () => {
    expect((await ctx.app.request("/widgets/priyom-referrals.js")).status).toBe(404);
    expect((await ctx.app.request("/widgets/priyom-staff.js")).status).toBe(404);
    expect((await ctx.app.request("/widgets/..%2Fpriyom-calendar.js")).status).toBe(404);
  });
});

describe("compression", () => {
  it("gzips a widget script and a shell asset when the client accepts gzip, and not otherwise", async () => {
    for (const [path, content] of [
      ["/widgets/priyom-calendar.js", WIDGET_JS],
      ["/assets/index-abc123.js", SHELL_JS],
    ] as const) {
      const gz = await ctx.app.request(path, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
      expect(gz.status, path).toBe(200);
      expect(gz.headers.get("Content-Encoding"), path).toBe("gzip");
      expect(gz.headers.get("Vary"), path).toContain("Accept-Encoding");
      const bytes = Buffer.from(await gz.arrayBuffer());
      expect(bytes.length, path).toBeLessThan(content.length / 4);
      expect(gunzipSync(bytes).toString("utf8"), path).toBe(content);

      const plain = await ctx.app.request(path);
      expect(plain.headers.get("Content-Encoding"), path).toBeNull();
      expect(await plain.text(), path).toBe(content);
    }
    const asset = await ctx.app.request("/assets/index-abc123.js", {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(asset.headers.get("Cache-Control")).toContain("immutable");
  });

  it("never compresses the API or the live slot stream", async () => {
    const api = await ctx.app.request("/api/v1/specialties", { headers: { "Accept-Encoding": "gzip" } });
    expect(api.status).toBe(200);
    expect(api.headers.get("Content-Encoding")).toBeNull();

    const controller = new AbortController();
    const stream = await ctx.app.request("/api/v1/slots/stream?doctorIds=doc_x", {
      headers: { "Accept-Encoding": "gzip" },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    expect(stream.headers.get("Content-Encoding")).toBeNull();
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    // Readable as plain text: the first event arrives uncompressed.
    expect(new TextDecoder().decode(first.value)).toContain("event: ready");
    await reader.cancel();
    controller.abort();
  });
});
