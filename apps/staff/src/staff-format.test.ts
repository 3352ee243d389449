import { describe, expect, it } from "vitest";
import {
  countText,
  detailsPairs,
  fullDateText,
  groupSlots,
  instantText,
  slotText,
  todayIn,
  waitedText,
  zoneLabel,
} from "./staff-format.ts";
import { slot } from "./test-helpers.ts";

describe("staff-format", () => {
  it.each([
    [1, "1 запрос"],
    [3, "3 запроса"],
    [5, "5 запросов"],
    [11, "11 запросов"],
    [21, "21 запрос"],
    [0, "0 запросов"],
  ])("countText(%i) → %s", (n, expected) => {
    expect(countText(n, ["запрос", "запроса", "запросов"])).toBe(expected);
  });

  it("names dates, zones and slot times in Russian", () => {
    expect(fullDateText("2026-03-02")).toBe("2 марта 2026");
    expect(fullDateText("garbage")).toBe("garbage");
    expect(zoneLabel("Asia/Vladivostok", new Date("2026-03-16T00:00:00Z"))).toBe("Владивосток, UTC+10");
    expect(zoneLabel("Europe/Kaliningrad", new Date("2026-03-16T00:00:00Z"))).toBe("Калининград, UTC+2");
    expect(slotText(slot())).toBe("16 марта 2026, 10:15 (Москва, UTC+3)");
  });

  it("shows instants on a given clock and today's date in a given zone", () => {
    expect(instantText("2026-03-12T07:15:00Z", "Europe/Moscow")).toBe("12.03.2026, 10:15");
    expect(instantText("not a date")).toBe("not a date");
    // 22:30 UTC is already the next day in Moscow, still the same day in Kaliningrad.
    expect(todayIn(new Date("2026-03-10T22:30:00Z"), "Europe/Moscow")).toBe("2026-03-11");
    expect(todayIn(new Date("2026-03-10T21:30:00Z"), "Europe/Kaliningrad")).toBe("2026-03-10");
  });

  it("says how long a request has waited", () => {
    const now = new Date("2026-03-13T09:00:00Z");
    expect(waitedText("2026-03-13T08:30:00Z", now)).toBe("меньше часа");
    expect(waitedText("2026-03-13T04:00:00Z", now)).toBe("5 ч");
    expect(waitedText("2026-03-12T08:00:00Z", now)).toBe("1 день");
    expect(waitedText("2026-03-10T08:00:00Z", now)).toBe("3 дня");
  });

  it("writes journal details as key=value in the API's order", () => {
    expect(detailsPairs({ slotId: "slt_1", moved: true, count: 2, note: null })).toEqual([
      "slotId=slt_1",
      "moved=true",
      "count=2",
      "note=null",
    ]);
  });

  it("groups slots by clinic then doctor in first-seen order, each doctor's slots by start", () => {
    const late = slot({ slotId: "slt_late", localTime: "11:00", startsAt: "2026-03-16T08:00:00Z" });
    const early = slot({ slotId: "slt_early" });
    const otherDoctor = slot({ slotId: "slt_d2", doctor: { id: "doc_2", name: "Сидоров С. С.", room: "1" } });
    const otherClinic = slot({
      slotId: "slt_c2",
      clinic: { id: "cln_2", shortName: "ГП № 5", address: "Москва, ул. Мира, 5" },
    });
    const groups = groupSlots([late, otherClinic, early, otherDoctor]);
    expect(groups.map((g) => g.clinic.id)).toEqual(["cln_1", "cln_2"]);
    expect(groups[0]?.doctors.map((d) => d.doctor.id)).toEqual(["doc_1", "doc_2"]);
    expect(groups[0]?.doctors[0]?.slots.map((s) => s.slotId)).toEqual(["slt_early", "slt_late"]);
  });
});
