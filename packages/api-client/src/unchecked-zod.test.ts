import { describe, expect, it, vi } from "vitest";
import { z, type UncheckedSchema } from "./unchecked-zod.ts";

// The contracts and the client below load with the stand-in, as in a widget build.
vi.mock("zod", () => import("./unchecked-zod.ts"));

const { ZAppointment, ZErrorBody, ZHold, ZWaitlistJoinRequest } = await import("@priyom/contracts");
const { createApiClient, ZStaffReferralListResponse } = await import("./client.ts");

describe("unchecked zod (widget builds)", () => {
  it("accepts leaves as they are, whatever their checks say", () => {
    expect(z.string().max(3).parse("longer than three")).toBe("longer than three");
    expect(z.number().int().parse("not a number")).toBe("not a number");
    expect(z.enum(["a", "b"]).parse("c")).toBe("c");
    expect(z.string().safeParse(42)).toEqual({ success: true, data: 42 });
  });

  it("keeps transforms: z.undefined().transform(() => null)", () => {
    const noHold = z.undefined().transform(() => null);
    expect(noHold.parse(undefined)).toBeNull();
    expect(noHold.safeParse(undefined)).toEqual({ success: true, data: null });
    expect(noHold.safeParse({}).success).toBe(false);
  });

  it("lets a union pick its option by shape, as zod does", () => {
    const hold = { slot: { id: "s1", doctorId: "d1" }, expiresAt: "x", secondsLeft: 60 };
    // Typed by the real zod at compile time, the stand-in's at run time (zod is mocked above).
    const currentHold = z.union([ZHold as unknown as UncheckedSchema, z.undefined().transform(() => null)]);
    expect(currentHold.parse(undefined)).toBeNull();
    expect(currentHold.parse(hold)).toEqual(hold);
    expect(ZStaffReferralListResponse.parse([])).toEqual({ items: [] });
    expect(ZStaffReferralListResponse.parse({ items: [] })).toEqual({ items: [] });
    // A missing nested object rules an option out (as in zod): the bare array above was not `{ items }`.
    expect(ZHold.safeParse({ expiresAt: "x", secondsLeft: 60 }).success).toBe(false);
  });

  it("refuses what is not an object where an object is expected", () => {
    expect(ZErrorBody.safeParse(undefined).success).toBe(false);
    expect(ZErrorBody.safeParse({ error: "text" }).success).toBe(false);
    expect(() => z.object({}).parse([])).toThrow();
    expect(z.array(z.string()).safeParse("x").success).toBe(false);
  });

  it("applies defaults and transforms inside objects and arrays", () => {
    expect(ZWaitlistJoinRequest.parse({ referralId: "r1", fromDate: "a", toDate: "b" })).toMatchObject({
      clinicIds: [],
      doctorIds: [],
    });
    const listed = z.array(z.object({ n: z.number().transform((n) => Number(n) * 2) }));
    expect(listed.parse([{ n: 1, extra: true }])).toEqual([{ n: 2, extra: true }]);
  });

  it("keeps the chains the contracts use: shape, extend, omit, pick, nullable, optional, unknown methods", () => {
    expect(ZAppointment.shape.status.parse("anything")).toBe("anything");
    const base = z.object({ a: z.string(), b: z.object({ c: z.number() }) });
    expect(Object.keys(base.extend({ d: z.boolean() }).shape)).toEqual(["a", "b", "d"]);
    expect(Object.keys(base.omit({ a: true }).shape)).toEqual(["b"]);
    expect(Object.keys(base.pick({ a: true }).shape)).toEqual(["a"]);
    expect(base.nullable().parse(null)).toBeNull();
    expect(base.optional().parse(undefined)).toBeUndefined();
    expect(base.safeParse({ a: 1, b: null }).success).toBe(false);
    const unheardOf = (
      z.string() as unknown as { someFutureCheck: (x: number) => typeof base }
    ).someFutureCheck(1);
    expect(unheardOf.parse("kept")).toBe("kept");
  });

  it("is never taken for a promise (no `then`)", () => {
    expect((z.object({}) as unknown as Record<string, unknown>).then).toBeUndefined();
  });

  it("lets the client answer null for no hold and pass an answer through unchecked", async () => {
    const answers = [
      new Response(null, { status: 200 }),
      new Response(JSON.stringify({ unread: "seven", anything: "kept" }), { status: 200 }),
    ];
    const api = createApiClient({ fetchImpl: () => Promise.resolve(answers.shift() ?? new Response(null)) });
    await expect(api.getCurrentHold()).resolves.toBeNull();
    await expect(api.getUnreadCount()).resolves.toEqual({ unread: "seven", anything: "kept" });
  });
});
