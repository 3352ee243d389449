// Issue 8, resource limits: "slow headers cut off". A real API process; a raw socket sends its
// request headers one byte at a time and never finishes them — the server must close it (408)
// once `headersTimeout` (10 s, apps/api/src/start.ts) has passed, while a live-slots SSE stream
// opened at the same time keeps streaming well past `requestTimeout` (30 s): that limit bounds
// receiving a request, never a long-lived response.
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiProcess, type ApiProcess } from "../src/api-process.ts";
import { testServerUrl } from "../src/fixtures.ts";

/** The server's limits as `SERVER_TIMEOUTS` in apps/api/src/start.ts sets them. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Node checks the limits once a second (`connectionsCheckingInterval`); scheduling adds a little. */
const CUT_OFF_DEADLINE_MS = HEADERS_TIMEOUT_MS + 5_000;
const API_PORT = 47540;

const serverUrl = testServerUrl();
const databaseName = `priyom_rel_slowhdr_${randomBytes(4).toString("hex")}`;
let api: ApiProcess | undefined;
const apiUrl = () => api?.url ?? `http://127.0.0.1:${API_PORT}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`create database ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  api = await startApiProcess({
    port: API_PORT,
    databaseUrl: url.toString(),
    // Heartbeats every 2 s, so the stream visibly keeps flowing past the request timeout.
    env: { SSE_HEARTBEAT_SECONDS: "2" },
    readyTimeoutMs: 90_000,
  });
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await admin(`drop database if exists ${databaseName} with (force)`);
});

/** Sends a request line and then header bytes every 300 ms, never the blank line; resolves when the server closes. */
function trickleHeaders(): Promise<{ closedAfterMs: number; reply: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(API_PORT, "127.0.0.1");
    let reply = "";
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) {
          socket.write("a");
          bytesSent++;
        }
      }, 300);
    });
    socket.on("data", (chunk: string) => (reply += chunk));
    socket.on("error", () => undefined); // a reset after the 408 is the server's right
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, reply, bytesSent });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the slow client was still connected after ${CUT_OFF_DEADLINE_MS * 2} ms`));
    }, CUT_OFF_DEADLINE_MS * 2);
  });
}

/** Opens the live-slots stream and records when each chunk arrived; `close()` ends it. */
function openStream() {
  const started = Date.now();
  const arrivals: number[] = [];
  let text = "";
  let ended = false;
  const req = httpRequest(`${apiUrl()}/api/v1/slots/stream?doctorIds=doc_stream_probe`, (res) => {
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      arrivals.push(Date.now() - started);
      text += chunk;
    });
    res.on("end", () => (ended = true));
    res.on("close", () => (ended = true));
  });
  req.on("error", () => (ended = true));
  req.end();
  return {
    arrivals,
    get text() {
      return text;
    },
    get ended() {
      return ended;
    },
    close: () => req.destroy(),
  };
}

describe("slow headers", () => {
  it("cuts off a client that trickles its headers, while an SSE stream outlives the request timeout", async () => {
    const stream = openStream();
    const slow = await trickleHeaders();
    console.info(
      `slow headers: cut off after ${slow.closedAfterMs} ms (${slow.bytesSent} header bytes trickled), headersTimeout ${HEADERS_TIMEOUT_MS} ms`,
    );
    expect(slow.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 500);
    expect(slow.closedAfterMs).toBeLessThan(CUT_OFF_DEADLINE_MS);
    // Node answers 408 before closing when nothing else was written.
    if (slow.reply) expect(slow.reply).toMatch(/^HTTP\/1\.1 408/);

    // The stream is still open past the request timeout and still receives heartbeats.
    const pastTimeout = REQUEST_TIMEOUT_MS + 3_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pastTimeout - slow.closedAfterMs)));
    expect(stream.text).toContain("event: ready");
    expect(stream.ended).toBe(false);
    expect(stream.arrivals.some((t) => t > REQUEST_TIMEOUT_MS)).toBe(true);
    stream.close();

    // And the server still serves ordinary requests.
    const health = await fetch(`${apiUrl()}/healthz`);
    expect(health.status).toBe(200);
  }, 90_000);
});
