import { describe, expect, it } from "vitest";
import { formatPhone, localTimeNote, placeTypeRu, utcOffsetLabel } from "./clinic-format.ts";

const winter = new Date("2026-01-15T12:00:00Z");

describe("utcOffsetLabel", () => {
  it.each([
    ["Asia/Yekaterinburg", "UTC+5"],
    ["Europe/Moscow", "UTC+3"],
    ["Europe/Kaliningrad", "UTC+2"],
    ["Asia/Kamchatka", "UTC+12"],
    ["UTC", "UTC+0"],
    ["Asia/Kolkata", "UTC+5:30"],
    ["America/New_York", "UTC-5"],
  ])("%s → %s", (zone, label) => {
    expect(utcOffsetLabel(zone, winter)).toBe(label);
  });

  it("is undefined for an unknown zone", () => {
    expect(utcOffsetLabel("Mars/Olympus", winter)).toBeUndefined();
  });
});

describe("localTimeNote", () => {
  it("names the zone and its offset", () => {
    expect(localTimeNote("Asia/Yekaterinburg", winter)).toBe("Время местное: Asia/Yekaterinburg (UTC+5)");
    expect(localTimeNote("Mars/Olympus", winter)).toBe("Время местное: Mars/Olympus");
  });
});

describe("formatPhone / placeTypeRu", () => {
  it("formats a Russian number and keeps others", () => {
    expect(formatPhone("+7 4012 55-66-77")).toEqual({ text: "+7 4012 55-66-77", href: "tel:+74012556677" });
    expect(formatPhone(" +7 495 123-45-67 ")).toEqual({ text: "+7 495 123-45-67", href: "tel:+74951234567" });
    expect(formatPhone("8 (343) 200")).toEqual({ text: "8 (343) 200", href: "tel:8343200" });
  });

  it("names place types in Russian", () => {
    expect(placeTypeRu("centre")).toBe("Медицинский центр");
  });
});

describe("utcOffsetLabel's formatters", () => {
  it("builds one formatter per zone, however many times the zone is labelled", () => {
    const Real = Intl.DateTimeFormat;
    const zones: (string | undefined)[] = [];
    Intl.DateTimeFormat = class extends Real {
      constructor(locales?: string | string[], options?: Intl.DateTimeFormatOptions) {
        super(locales, options);
        zones.push(options?.timeZone);
      }
    } as typeof Intl.DateTimeFormat;
    try {
      const zone = "Asia/Novosibirsk";
      expect(utcOffsetLabel(zone, new Date("2026-01-01T00:00:00Z"))).toBe("UTC+7");
      expect(utcOffsetLabel(zone, new Date("2026-07-01T00:00:00Z"))).toBe("UTC+7");
      expect(utcOffsetLabel(zone, new Date("2026-11-27T00:00:00Z"))).toBe("UTC+7");
      expect(zones.filter((z) => z === zone)).toHaveLength(1);
      expect(utcOffsetLabel("Not/AZone", new Date())).toBeUndefined();
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});
