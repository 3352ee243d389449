import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { checkEnp, checkSnils } from "@priyom/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDemoRegistries,
  createHttpInsuranceRegistry,
  createHttpPensionRegistry,
  createRegistries,
  DEMO_IDENTITIES,
} from "../src/registries/index.ts";

const ivan = DEMO_IDENTITIES.patient;
const maria = DEMO_IDENTITIES.daughter;

describe("built-in demo registry", () => {
  const registries = createDemoRegistries();

  it("holds valid numbers for the demo patient and his daughter", () => {
    for (const person of [ivan, maria]) {
      expect(checkSnils(person.snils)).toEqual({ ok: true, value: person.snils });
      expect(checkEnp(person.enp)).toEqual({ ok: true, value: person.enp });
    }
    expect(ivan).toMatchObject({
      lastName: "Иванов",
      firstName: "Иван",
      middleName: "Иванович",
      birthDate: "1985-04-12",
    });
    expect(maria).toMatchObject({
      lastName: "Иванова",
      firstName: "Мария",
      middleName: "Ивановна",
      birthDate: "2016-09-01",
    });
  });

  it("verifies a known number with the holder's name (case- and ё-insensitive)", async () => {
    expect(await registries.insurance.checkPolicy(ivan.enp, ivan)).toBe("verified");
    expect(await registries.pension.checkSnils(maria.snils, { ...maria, lastName: "ИВАНОВА" })).toBe(
      "verified",
    );
  });

  it("answers not_found for another person's name, birth date, or an unknown valid number", async () => {
    expect(await registries.insurance.checkPolicy(ivan.enp, maria)).toBe("not_found");
    expect(await registries.insurance.checkPolicy(ivan.enp, { ...ivan, birthDate: "1985-04-13" })).toBe(
      "not_found",
    );
    expect(await registries.pension.checkSnils(ivan.snils, { ...ivan, middleName: null })).toBe("not_found");
    expect(await registries.pension.checkSnils("19876543247", ivan)).toBe("not_found");
    expect(await registries.insurance.checkPolicy("1234567890123452", ivan)).toBe("not_found");
  });
});

describe("HTTP registry adapters", () => {
  let server: Server;
  let baseUrl: string;
  const received: { path: string; body: unknown }[] = [];
  const pending: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      req.on("end", () => {
        const body = JSON.parse(text) as { enp?: string; snils?: string };
        received.push({ path: req.url ?? "", body });
        const number = body.enp ?? body.snils ?? "";
        if (req.url?.startsWith("/broken/")) return res.writeHead(500).end("boom");
        if (req.url?.startsWith("/hang/")) return void pending.push(res);
        if (req.url?.startsWith("/garbled/"))
          return res.writeHead(200, { "Content-Type": "application/json" }).end("[]");
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ found: number === ivan.enp || number === ivan.snils }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of pending) res.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("posts the number and the person to /policies/check and /snils/check; found → verified", async () => {
    received.length = 0;
    expect(await createHttpInsuranceRegistry(`${baseUrl}/`).checkPolicy(ivan.enp, ivan)).toBe("verified");
    expect(await createHttpPensionRegistry(baseUrl).checkSnils(ivan.snils, ivan)).toBe("verified");
    expect(received).toEqual([
      {
        path: "/policies/check",
        body: {
          enp: ivan.enp,
          lastName: "Иванов",
          firstName: "Иван",
          middleName: "Иванович",
          birthDate: "1985-04-12",
        },
      },
      {
        path: "/snils/check",
        body: {
          snils: ivan.snils,
          lastName: "Иванов",
          firstName: "Иван",
          middleName: "Иванович",
          birthDate: "1985-04-12",
        },
      },
    ]);
  });

  it("found: false → not_found", async () => {
    expect(await createHttpInsuranceRegistry(baseUrl).checkPolicy(maria.enp, maria)).toBe("not_found");
    expect(await createHttpPensionRegistry(baseUrl).checkSnils(maria.snils, maria)).toBe("not_found");
  });

  it("throws on HTTP 500 and on an answer without `found`", async () => {
    await expect(
      createHttpInsuranceRegistry(`${baseUrl}/broken`).checkPolicy(ivan.enp, ivan),
    ).rejects.toThrow(/HTTP 500/);
    await expect(
      createHttpPensionRegistry(`${baseUrl}/garbled`).checkSnils(ivan.snils, ivan),
    ).rejects.toThrow(/malformed/);
  });

  it("throws when the registry hangs, within the timeout", async () => {
    const started = Date.now();
    await expect(
      createHttpPensionRegistry(`${baseUrl}/hang`, 300).checkSnils(ivan.snils, ivan),
    ).rejects.toThrow(/timeout/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("throws when nothing listens", async () => {
    await expect(
      createHttpInsuranceRegistry("http://127.0.0.1:9").checkPolicy(ivan.enp, ivan),
    ).rejects.toThrow(/unavailable/);
  });

  it("the configuration picks HTTP adapters per registry, the demo registry otherwise", async () => {
    const mixed = createRegistries({
      insuranceRegistryUrl: `${baseUrl}/broken`,
      pensionRegistryUrl: undefined,
    });
    await expect(mixed.insurance.checkPolicy(ivan.enp, ivan)).rejects.toThrow();
    expect(await mixed.pension.checkSnils(maria.snils, maria)).toBe("verified");
  });
});
