import { describe, expect, it } from "vitest";
import { findForbidden } from "./log-capture.ts";

describe("the log scan itself", () => {
  it.each([
    ["phone", '{"message":"x","to":"+79991234567"}'],
    ["phone", '{"message":"x","to":"8 (999) 123-45-67"}'],
    ["СНИЛС", '{"detail":"112-233-445 95"}'],
    ["policy", '{"detail":"1234567890123456"}'],
    ["passport", '{"detail":"4508 123456"}'],
    ["code", '{"detail":"your code 123456"}'],
    ["cookie", '{"detail":"priyom.session_token=abc"}'],
  ])("finds a %s", (name, line) => {
    expect(findForbidden(line)).toContain(name);
  });

  it("passes an ordinary request line, ignoring the request id's digits", () => {
    const line = JSON.stringify({
      time: "2026-11-26T07:00:00.000Z",
      level: "info",
      message: "request",
      requestId: "123456-7890-1234-5678-901234567890",
      method: "GET",
      path: "/api/v1/clinics",
      status: 200,
      ms: 4,
    });
    expect(findForbidden(line)).toEqual([]);
  });
});
