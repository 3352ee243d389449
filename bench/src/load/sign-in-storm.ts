// A sign-in storm (issue 8): 20 sign-ins a second for 60 s (open loop) through the real route —
// password check, lockout bookkeeping, a new session — by accounts made through the real sign-up
// flow (both contacts confirmed with the codes the API queued; the phone confirmation also makes
// this "device" known, so sign-in needs no extra code). Each request comes from its own address
// behind a proxy (X-Forwarded-For, the API trusting 127.0.0.1), as a storm of people does, so the
// per-IP limit of 20 a minute is not what is measured. Figures: p50/p95/p99 and the API's event-loop
// delay meanwhile (password hashing is CPU work).
import { outboxMessages } from "@priyom/db";
import { desc, eq } from "drizzle-orm";
import type http from "node:http";
import { openLoop, openLoopAgent, Recorder, send } from "./driver.ts";
import { SMOKE, sleep, withLoadApi, type LoadReport } from "./harness.ts";
import type { LoadWorld } from "./world.ts";

export const SIGN_IN_STORM_SIZE = SMOKE
  ? { accounts: 3, perSecond: 20, seconds: 2 }
  : { accounts: 40, perSecond: 20, seconds: 60 };

const PASSWORD = "Storm-password-1";
/** A distinct client address for request `n` (documentation ranges are not needed: nothing leaves). */
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** The 6-digit code of the newest message queued for `recipient` (no transport: it stays readable). */
async function latestCode(world: LoadWorld, recipient: string): Promise<string> {
  for (let tries = 0; tries < 50; tries++) {
    const [message] = await world.services.db
      .select({ body: outboxMessages.body })
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, recipient))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    const code = /\b(\d{6})\b/.exec(message?.body ?? "")?.[1];
    if (code) return code;
    await sleep(100);
  }
  throw new Error("no confirmation code was queued");
}

/** `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
function cookiesOf(headers: http.IncomingHttpHeaders): string {
  return (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}

export async function signInStorm(port: number): Promise<LoadReport> {
  const started = performance.now();
  const size = SIGN_IN_STORM_SIZE;
  return withLoadApi(
    "sign_in_storm",
    port,
    { doctors: 4, specialties: ["therapist"], patients: 0, patientSpecialty: "therapist" },
    async ({ world, api, postgres }) => {
      const agent = openLoopAgent();
      let address = 0;
      const post = (path: string, body: unknown, cookie = "") =>
        send(agent, api.port, {
          method: "POST",
          path,
          headers: {
            Origin: api.origin,
            "Content-Type": "application/json",
            "X-Forwarded-For": addressOf(++address),
            ...(cookie ? { Cookie: cookie } : {}),
          },
          body: JSON.stringify(body),
        });
      const accounts: { email: string; cookie: string }[] = [];
      for (let i = 0; i < size.accounts; i++) {
        const n = String(i).padStart(4, "0");
        const phone = `+7999200${n}`;
        const email = `storm${n}@example.ru`;
        const signUp = await post("/api/v1/account/sign-up", {
          phone,
          email,
          password: PASSWORD,
          lastName: "Штормов",
          firstName: "Пётр",
          middleName: "Петрович",
          birthDate: "1990-05-17",
        });
        if (signUp.status !== 202) throw new Error(`sign-up answered ${signUp.status}`);
        const sms = await post("/api/v1/account/sign-up/confirm", {
          channel: "sms",
          phone,
          code: await latestCode(world, phone),
        });
        const mail = await post("/api/v1/account/sign-up/confirm", {
          channel: "email",
          email,
          code: await latestCode(world, email),
        });
        if (sms.status !== 200 || mail.status !== 200) throw new Error("confirmation refused");
        accounts.push({ email, cookie: cookiesOf(sms.headers) });
      }
      const recorder = new Recorder();
      let signedIn = 0;
      await api.stats(true);
      await openLoop({
        count: size.perSecond * size.seconds,
        durationMs: size.seconds * 1000,
        job: async (i) => {
          const account = accounts[i % accounts.length];
          if (!account) return;
          const answer = await post(
            "/api/v1/account/sign-in",
            { login: account.email, password: PASSWORD },
            account.cookie,
          );
          recorder.add(answer);
          if (
            answer.status === 200 &&
            (JSON.parse(answer.body) as { status?: string }).status === "signed_in"
          )
            signedIn++;
        },
      });
      const stats = await api.stats(true);
      agent.destroy();
      const latency = recorder.summary();
      return {
        name: "sign-in-storm",
        smoke: SMOKE,
        size,
        figures: { latency, signedIn, eventLoopDelayMs: stats.loop, peakRssMb: stats.peakRssMb },
        checks: [
          {
            // A 4xx would mean the storm measured a limit or a lockout, not sign-in; 5xx are a figure.
            name: "no sign-in refused (4xx)",
            ok: Object.keys(latency.statuses).every((s) => Number(s) < 400 || Number(s) >= 500),
            detail: `${signedIn} of ${latency.requests}; ${JSON.stringify(latency.statuses)}`,
          },
        ],
        seconds: Math.round((performance.now() - started) / 1000),
        postgres,
      };
    },
    { TRUSTED_PROXIES: "127.0.0.1" },
  );
}
