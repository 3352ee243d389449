import { describe, expect, it } from "vitest";
import {
  checkPriorityReason,
  checkWaitlistRange,
  fieldOf,
  priorityStatusText,
  queuePositionText,
} from "./waiting-rules.ts";

const bounds = { today: "2026-11-26", lastValidDay: "2026-12-21" };

describe("waitlist range", () => {
  it("accepts today … the last valid day, and a one-day range on either end", () => {
    expect(checkWaitlistRange({ fromDate: "2026-11-26", toDate: "2026-12-21" }, bounds)).toEqual({});
    expect(checkWaitlistRange({ fromDate: "2026-11-26", toDate: "2026-11-26" }, bounds)).toEqual({});
    expect(checkWaitlistRange({ fromDate: "2026-12-21", toDate: "2026-12-21" }, bounds)).toEqual({});
  });

  it("names each broken end", () => {
    expect(checkWaitlistRange({ fromDate: "", toDate: "2026-02-30" }, bounds)).toEqual({
      fromDate: "Укажите дату начала",
      toDate: "Укажите дату окончания",
    });
    expect(checkWaitlistRange({ fromDate: "2026-11-25", toDate: "2026-12-01" }, bounds)).toEqual({
      fromDate: "Дата начала не может быть раньше сегодняшней",
    });
    expect(checkWaitlistRange({ fromDate: "2026-12-22", toDate: "2026-12-22" }, bounds)).toEqual({
      fromDate: "Направление действует до 21.12.2026: выберите дату не позднее",
      toDate: "Направление действует до 21.12.2026: выберите дату не позднее",
    });
    expect(checkWaitlistRange({ fromDate: "2026-12-02", toDate: "2026-12-01" }, bounds)).toEqual({
      toDate: "Конец периода раньше начала",
    });
  });
});

describe("priority reason", () => {
  it("wants 10 to 1000 characters once the ends are trimmed", () => {
    expect(checkPriorityReason("   ")).toBe("Опишите, почему нужна приоритетная запись");
    expect(checkPriorityReason("  123456789  ")).toBe(
      "Опишите причину подробнее: не меньше 10 символов (сейчас 9)",
    );
    expect(checkPriorityReason("1234567890")).toBeUndefined();
    expect(checkPriorityReason("я".repeat(1000))).toBeUndefined();
    expect(checkPriorityReason("я".repeat(1002))).toBe("Не больше 1000 символов: сократите на 2");
  });
});

describe("waiting texts", () => {
  it("writes the place in line, the status, and the form field of an API path", () => {
    expect(queuePositionText(1)).toBe("1-й");
    expect(queuePositionText(23)).toBe("23-й");
    expect(priorityStatusText("pending")).toBe("На рассмотрении");
    expect(priorityStatusText("declined")).toBe("Отклонён");
    expect(priorityStatusText("later")).toBe("later");
    expect(fieldOf("clinicIds.0")).toBe("clinicIds");
    expect(fieldOf("toDate")).toBe("toDate");
  });
});
