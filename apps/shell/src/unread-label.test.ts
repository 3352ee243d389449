import { describe, expect, it } from "vitest";
import { unreadBadgeText, unreadLabel } from "./unread-label.ts";

describe("unreadLabel", () => {
  it.each([
    [1, "1 непрочитанное уведомление"],
    [2, "2 непрочитанных уведомления"],
    [3, "3 непрочитанных уведомления"],
    [4, "4 непрочитанных уведомления"],
    [5, "5 непрочитанных уведомлений"],
    [11, "11 непрочитанных уведомлений"],
    [12, "12 непрочитанных уведомлений"],
    [21, "21 непрочитанное уведомление"],
    [22, "22 непрочитанных уведомления"],
    [111, "111 непрочитанных уведомлений"],
  ])("%i → %s", (n, expected) => {
    expect(unreadLabel(n)).toBe(expected);
  });

  it("caps the visible count at 99+", () => {
    expect(unreadBadgeText(99)).toBe("99");
    expect(unreadBadgeText(100)).toBe("99+");
  });
});
