import { describe, expect, it } from "vitest";
import { checkEmail } from "./check-email.ts";
import { checkPassword } from "./check-password.ts";

function codeOf(result: { ok: boolean; error?: { code: string } }) {
  return result.ok ? "ok" : result.error?.code;
}

describe("checkPassword", () => {
  it("accepts the policy's minimum: 8 characters with upper, lower, digit and symbol", () => {
    expect(checkPassword("Priyom-demo-1")).toEqual({ ok: true, value: "Priyom-demo-1" });
    expect(codeOf(checkPassword("Aa1!aaaa"))).toBe("ok");
    expect(codeOf(checkPassword("Пароль-2025"))).toBe("ok");
    expect(codeOf(checkPassword("Aa1 aaaa"))).toBe("ok");
  });

  it.each([
    ["", "password_required"],
    ["Aa1!aaa", "password_too_short"],
    ["AAAA1!AA", "password_needs_lowercase"],
    ["aaaa1!aa", "password_needs_uppercase"],
    ["Aaaaa!aa", "password_needs_digit"],
    ["Aaaaa1aa", "password_needs_symbol"],
    [`Aa1!${"a".repeat(125)}`, "password_too_long"],
  ])("refuses %j with %s, naming the field", (input, code) => {
    const result = checkPassword(input);
    expect(codeOf(result)).toBe(code);
    if (!result.ok) expect(result.error.field).toBe("password");
  });

  it("never trims or alters the password", () => {
    expect(checkPassword(" Aa1!aaaa ")).toEqual({ ok: true, value: " Aa1!aaaa " });
  });
});

describe("checkEmail", () => {
  it("accepts ordinary and Cyrillic-domain addresses, lower-casing the domain only", () => {
    expect(checkEmail(" Ivanov@Example.RU ")).toEqual({ ok: true, value: "Ivanov@example.ru" });
    expect(codeOf(checkEmail("мария@почта.рф"))).toBe("ok");
    expect(codeOf(checkEmail("a.b+tag@sub.example.com"))).toBe("ok");
  });

  it.each([
    "",
    "ivanov",
    "ivanov@",
    "@example.ru",
    "ivanov@example",
    "iva nov@example.ru",
    "a@b@example.ru",
    "ivanov@-example.ru",
  ])("refuses %j", (input) => {
    const result = checkEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.field).toBe("email");
  });
});
