// A real SMTP server (the `smtp-server` package) that receives what the API's outbox sends and can
// be told to misbehave: `fail` answers every MAIL FROM with 451 (a temporary refusal, as a
// greylisting or overloaded relay does), `hang` accepts the TCP connection and never sends its
// greeting (a stuck relay). Every delivered message is recorded by the outbox id the API puts in
// the `X-Priyom-Message-Id` header, so a test can count deliveries per message.
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type PeerMode = "ok" | "fail" | "hang";

export interface ReceivedMail {
  outboxId: string;
  to: string[];
  subject: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>?tls=off`, as `SMTP_URL`. */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Connections refused (fail) or left hanging (hang). */
  readonly refusedAttempts: number;
  setMode(mode: PeerMode): void;
  close(): Promise<void>;
}

/** Decodes an RFC 2047 encoded-word subject (`=?UTF-8?B?…?=`, the form nodemailer uses for Cyrillic). */
function decodeSubject(raw: string): string {
  return raw.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text
            .replace(/_/g, " ")
            .replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** Starts the sink on `port` (127.0.0.1), in mode `ok`. */
export async function startSmtpSink(port: number): Promise<SmtpSink> {
  let mode: PeerMode = "ok";
  let refusedAttempts = 0;
  const received: ReceivedMail[] = [];
  const hanging = new Set<SMTPServerSession>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    logger: false,
    // Closing does not wait for the hung connections longer than this.
    closeTimeout: 500,
    onConnect(session, callback) {
      if (mode !== "hang") return callback();
      // The callback is never called: the client waits for a greeting that does not come.
      refusedAttempts++;
      hanging.add(session);
    },
    onMailFrom(_address, _session, callback) {
      if (mode !== "fail") return callback();
      refusedAttempts++;
      const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const head = text.split(/\r?\n\r?\n/)[0] ?? "";
        // Unfold continued header lines before reading them.
        const headers = head.replace(/\r?\n[ \t]+/g, " ");
        const header = (name: string) =>
          new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "";
        received.push({
          outboxId: header("X-Priyom-Message-Id"),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeSubject(header("Subject")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}?tls=off`,
    received,
    get refusedAttempts() {
      return refusedAttempts;
    },
    setMode(next) {
      mode = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
