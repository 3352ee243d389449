import type { TReferral } from "@priyom/api-client";
import { describe, expect, it } from "vitest";
import { expiringText, sectionReferrals, validityText, whoseText, zoneNote } from "./referral-format.ts";
import { referral } from "./test-helpers.ts";

describe("validityText", () => {
  it("counts the days left with Russian plurals", () => {
    const r = { status: "active", lastValidDay: "2025-03-02" } as const;
    expect(validityText({ ...r, daysLeft: 5 })).toBe("Действует до 02.03.2025 (ещё 5 дней)");
    expect(validityText({ ...r, daysLeft: 1 })).toBe("Действует до 02.03.2025 (ещё 1 день)");
    expect(validityText({ ...r, daysLeft: 22 })).toBe("Действует до 02.03.2025 (ещё 22 дня)");
    expect(validityText({ ...r, daysLeft: 0 })).toBe("Действует до 02.03.2025 (сегодня последний день)");
    expect(validityText({ ...r, status: "expired", daysLeft: -3 })).toBe("Действовало до 02.03.2025");
    expect(expiringText(2)).toBe("Истекает через 2 дня");
    expect(expiringText(0)).toBe("Истекает сегодня");
  });
});

describe("zoneNote", () => {
  const winter = Date.UTC(2025, 0, 15);
  it("names the clinic's zone by its city only when the offset differs from the browser's", () => {
    expect(zoneNote("Asia/Vladivostok", "Europe/Moscow", winter)).toBe("время Владивостока");
    expect(zoneNote("Europe/Volgograd", "Europe/Moscow", winter)).toBeUndefined();
    expect(zoneNote("Asia/Yekaterinburg", "Asia/Yekaterinburg", winter)).toBeUndefined();
    expect(zoneNote("Asia/Tokyo", "Europe/Moscow", winter)).toBe("время Asia/Tokyo");
  });
});

describe("whoseText", () => {
  it("marks a child's referral", () => {
    expect(whoseText({ kind: "child", childId: "chd_1", name: "Иванова Мария Ивановна" })).toBe(
      "Иванова Мария Ивановна (ребёнок)",
    );
  });
});

describe("sectionReferrals", () => {
  it("puts active and booked first by last day, then used and withdrawn, expired apart", () => {
    const r = (id: string, status: TReferral["status"], lastValidDay: string) =>
      referral({ id, number: id, status, lastValidDay });
    const { current, invalid } = sectionReferrals([
      r("used-old", "used", "2025-01-10"),
      r("expired", "expired", "2025-01-01"),
      r("active-late", "active", "2025-04-01"),
      r("withdrawn-new", "withdrawn", "2025-02-10"),
      r("booked-soon", "booked", "2025-03-01"),
    ]);
    expect(current.map((x) => x.id)).toEqual(["booked-soon", "active-late", "withdrawn-new", "used-old"]);
    expect(invalid.map((x) => x.id)).toEqual(["expired"]);
  });
});
