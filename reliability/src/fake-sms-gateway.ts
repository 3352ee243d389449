// An HTTP SMS gateway speaking the protocol of the API's SMS transport
// (`apps/api/src/messages/transports.ts`: `POST {url}/messages` with `{ id, to, text }`, any 2xx is
// delivered) that can be told to misbehave: `fail` answers 503, `hang` reads the request and never
// answers. Every accepted message is recorded with its outbox id, so a test can count deliveries.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PeerMode } from "./smtp-sink.ts";

export interface ReceivedSms {
  outboxId: string;
  to: string;
  text: string;
}

export interface FakeSmsGateway {
  /** Base URL, as `SMS_GATEWAY_URL`. */
  readonly url: string;
  readonly received: ReceivedSms[];
  /** Requests refused (fail) or left hanging (hang). */
  readonly refusedAttempts: number;
  setMode(mode: PeerMode): void;
  close(): Promise<void>;
}

/** Starts the gateway on `port` (127.0.0.1), in mode `ok`. */
export async function startFakeSmsGateway(port: number): Promise<FakeSmsGateway> {
  let mode: PeerMode = "ok";
  let refusedAttempts = 0;
  const received: ReceivedSms[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/messages") {
        response.writeHead(404).end();
        return;
      }
      if (mode === "hang") {
        refusedAttempts++;
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      if (mode === "fail") {
        refusedAttempts++;
        response.writeHead(503, { "Content-Type": "application/json" }).end('{"error":"unavailable"}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        id: string;
        to: string;
        text: string;
      };
      received.push({ outboxId: body.id, to: body.to, text: body.text });
      response.writeHead(202, { "Content-Type": "application/json" }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    get refusedAttempts() {
      return refusedAttempts;
    },
    setMode(next) {
      mode = next;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
