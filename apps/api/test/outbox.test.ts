import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { outboxMessages } from "@priyom/db";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.ts";
import { enqueueMessage } from "../src/messages/outbox.ts";
import { devMailbox, smsGatewayTransport, smtpTransport } from "../src/messages/transports.ts";
import { drainOutbox } from "../src/messages/worker.ts";
import { createTestContext, type TestContext } from "./test-services.ts";

const logger = createLogger("silent");
let ctx: TestContext;
let smtp: SMTPServer;
let smtpPort = 0;
const received: { to: string; raw: string }[] = [];
let rejectMail = false;

beforeAll(async () => {
  ctx = await createTestContext();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        if (rejectMail) return callback(new Error("mailbox unavailable"));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await ctx.close();
});

async function statusOf(id: string) {
  const [row] = await ctx.handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

describe("outbox worker", () => {
  it("delivers e-mail over real SMTP once, and blanks a code after delivery", async () => {
    const transports = { email: smtpTransport(`smtp://127.0.0.1:${smtpPort}?tls=off`), sms: devMailbox };
    const id = await enqueueMessage(ctx.handle.db, {
      channel: "email",
      recipient: "maria@example.ru",
      subject: "Приём: код",
      body: "Ваш код 123456",
      sensitive: true,
    });
    expect(await drainOutbox(ctx.handle.db, transports, logger)).toBe(1);
    expect(await drainOutbox(ctx.handle.db, transports, logger)).toBe(0);
    const mine = received.filter((m) => m.to === "maria@example.ru");
    expect(mine.length).toBe(1);
    // The text part is base64 (Cyrillic): decode what follows the headers.
    const [, encoded = ""] = (mine[0]?.raw ?? "").split(/\r?\n\r?\n/);
    expect(Buffer.from(encoded.replace(/\s/g, ""), "base64").toString("utf8")).toBe("Ваш код 123456");
    const row = await statusOf(id);
    expect(row?.status).toBe("sent");
    expect(row?.transport).toBe("smtp");
    expect(row?.body).not.toContain("123456");
  });

  it("retries a failing SMTP server later and delivers once it recovers", async () => {
    const transports = { email: smtpTransport(`smtp://127.0.0.1:${smtpPort}?tls=off`), sms: devMailbox };
    rejectMail = true;
    const id = await enqueueMessage(ctx.handle.db, {
      channel: "email",
      recipient: "retry@example.ru",
      body: "Напоминание",
    });
    await drainOutbox(ctx.handle.db, transports, logger);
    let row = await statusOf(id);
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBe(1);
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(row?.lastError).not.toContain("retry@example.ru");

    rejectMail = false;
    await ctx.handle.db
      .update(outboxMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(outboxMessages.id, id));
    await drainOutbox(ctx.handle.db, transports, logger);
    row = await statusOf(id);
    expect(row?.status).toBe("sent");
    expect(received.filter((m) => m.to === "retry@example.ru").length).toBe(1);
  });

  it("keeps retrying a message through a long outage and gives up only once it is a day old", async () => {
    const transports = { email: smtpTransport(`smtp://127.0.0.1:${smtpPort}?tls=off`), sms: devMailbox };
    rejectMail = true;
    try {
      const id = await enqueueMessage(ctx.handle.db, {
        channel: "email",
        recipient: "outage@example.ru",
        body: "Запись подтверждена",
      });
      const dueNow = () =>
        ctx.handle.db
          .update(outboxMessages)
          .set({ nextAttemptAt: new Date(Date.now() - 1000) })
          .where(eq(outboxMessages.id, id));
      // Many failures in a row (an afternoon without a mail server): still pending, back-off capped.
      await ctx.handle.db.update(outboxMessages).set({ attempts: 11 }).where(eq(outboxMessages.id, id));
      await dueNow();
      await drainOutbox(ctx.handle.db, transports, logger);
      let row = await statusOf(id);
      expect(row?.status).toBe("pending");
      expect(row?.attempts).toBe(12);
      expect((row?.nextAttemptAt.getTime() ?? Infinity) - Date.now()).toBeLessThanOrEqual(600_000);
      // The same message a day old: now it is given up, for administrators to see.
      await ctx.handle.db
        .update(outboxMessages)
        .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
        .where(eq(outboxMessages.id, id));
      await dueNow();
      await drainOutbox(ctx.handle.db, transports, logger);
      row = await statusOf(id);
      expect(row?.status).toBe("failed");
    } finally {
      rejectMail = false;
    }
  });

  it("sends SMS through the HTTP gateway adapter", async () => {
    const bodies: unknown[] = [];
    const gateway: Server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        bodies.push(JSON.parse(raw));
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      const id = await enqueueMessage(ctx.handle.db, {
        channel: "sms",
        recipient: "+79990001122",
        body: "Код 654321",
        sensitive: true,
      });
      await drainOutbox(ctx.handle.db, { email: devMailbox, sms: smsGatewayTransport(url) }, logger);
      expect(bodies).toEqual([{ id, to: "+79990001122", text: "Код 654321" }]);
      expect((await statusOf(id))?.transport).toBe("sms_gateway");
    } finally {
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });

  it("keeps messages readable in the development mailbox when no transport is configured", async () => {
    const id = await enqueueMessage(ctx.handle.db, {
      channel: "sms",
      recipient: "+79990003344",
      body: "Код 777888",
      sensitive: true,
    });
    await drainOutbox(ctx.handle.db, { email: devMailbox, sms: devMailbox }, logger);
    const res = await ctx.app.request("/api/dev/outbox");
    const list = (await res.json()) as { items: { id: string; body: string }[] };
    expect(list.items.find((m) => m.id === id)?.body).toContain("777888");
    expect((await statusOf(id))?.transport).toBe("dev_mailbox");
  });
});
