import { z } from "zod";
import { describe, expect, it } from "vitest";
import { schemaIssueMessage } from "../src/schema-messages.ts";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return result.error.issues;
};

describe("request-shape messages", () => {
  const schema = z.object({
    fromDate: z.string().max(10),
    reason: z.string().min(3),
    name: z.string(),
    count: z.number(),
    ids: z.array(z.string()).max(2),
    urgency: z.enum(["normal", "urgent"]),
  });
  const issues = issuesOf(schema, {
    fromDate: "2026-11-2666",
    reason: "ab",
    count: "x",
    ids: ["a", "b", "c"],
    urgency: "now",
  });
  const byField = Object.fromEntries(issues.map((i) => [i.path.join("."), schemaIssueMessage(i, "ru")]));

  it("say in Russian what is wrong with each field, with Russian plurals", () => {
    expect(byField).toEqual({
      fromDate: "Не длиннее 10 символов",
      reason: "Не короче 3 символов",
      name: "Заполните поле",
      count: "Неверный формат значения",
      ids: "Не больше 2 элементов",
      urgency: "Выберите одно из допустимых значений",
    });
  });

  it("keep the validator's English under the English locale", () => {
    const [first] = issues;
    if (!first) throw new Error("no issue");
    expect(schemaIssueMessage(first, "en")).toBe(first.message);
    expect(schemaIssueMessage(first, "en")).toMatch(/[a-z]/);
  });

  it("say «1 символа» after «не длиннее» (genitive singular)", () => {
    const [issue] = issuesOf(z.string().max(1), "ab");
    if (!issue) throw new Error("no issue");
    expect(schemaIssueMessage(issue, "ru")).toBe("Не длиннее 1 символа");
  });
});

describe("a schema's own Russian message", () => {
  it("is kept as written", () => {
    const [issue] = issuesOf(
      z.string().refine((v) => v.startsWith("20"), "Дата в формате ГГГГ-ММ-ДД"),
      "11.2026",
    );
    if (!issue) throw new Error("no issue");
    expect(schemaIssueMessage(issue, "ru")).toBe("Дата в формате ГГГГ-ММ-ДД");
  });
});
