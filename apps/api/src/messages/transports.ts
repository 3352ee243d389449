import nodemailer from "nodemailer";
import type { AppConfig } from "../env.ts";

export interface DeliverableMessage {
  id: string;
  channel: "sms" | "email";
  recipient: string;
  subject: string | null;
  body: string;
}

/** Sends one message or throws; `name` is recorded on the message as its transport. */
export interface Transport {
  name: string;
  send(message: DeliverableMessage): Promise<void>;
}

/** No real transport configured: the message stays readable in the development mailbox only. */
export const devMailbox: Transport = { name: "dev_mailbox", send: () => Promise.resolve() };

/** E-mail over SMTP (`SMTP_URL`, e.g. `smtp://user:pass@host:587`). */
export function smtpTransport(url: string, from = "Приём <no-reply@priyom.local>"): Transport {
  const parsed = new URL(url);
  const mailer = nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)),
    secure: parsed.protocol === "smtps:",
    ...(parsed.username
      ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } }
      : {}),
    // A plain-SMTP sink on this machine (tests, a relay on localhost) offers no TLS.
    ignoreTLS: parsed.searchParams.get("tls") === "off",
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    name: "smtp",
    send: async (message) => {
      await mailer.sendMail({
        from,
        to: message.recipient,
        subject: message.subject ?? "Приём",
        text: message.body,
        headers: { "X-Priyom-Message-Id": message.id },
      });
    },
  };
}

/**
 * SMS through an HTTP gateway (`SMS_GATEWAY_URL`): `POST {url}/messages` with
 * `{ id, to, text }`; any 2xx is delivered. The message id lets the gateway drop a repeat.
 */
export function smsGatewayTransport(baseUrl: string): Transport {
  return {
    name: "sms_gateway",
    send: async (message) => {
      const response = await fetch(`${baseUrl.replace(/\/$/, "")}/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ id: message.id, to: message.recipient, text: message.body }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The transport of each channel, from the configuration. */
export function transportsFor(
  config: Pick<AppConfig, "smtpUrl" | "smsGatewayUrl">,
): Record<"sms" | "email", Transport> {
  return {
    email: config.smtpUrl ? smtpTransport(config.smtpUrl) : devMailbox,
    sms: config.smsGatewayUrl ? smsGatewayTransport(config.smsGatewayUrl) : devMailbox,
  };
}
