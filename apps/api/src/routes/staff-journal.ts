import { createRoute, z } from "@hono/zod-openapi";
import { ZFailedMessageListResponse, ZJournalResponse, type TJournalEntry } from "@priyom/contracts";
import { auditEvents, outboxMessages } from "@priyom/db";
import { addDays, isIsoDate } from "@priyom/domain";
import { and, desc, eq, gte, like, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { commonErrors, createRouter, jsonResponse } from "../app-factory.ts";
import { ATTENTION_ATTEMPTS } from "../messages/worker.ts";
import { requireUser, signedInUser } from "../middleware/require-user.ts";
import { staffClinic } from "../middleware/staff-clinic.ts";

/**
 * The administrators' views: the journal (`/staff/journal`) and the messages the outbox gave up on
 * (`/staff/notifications/failed`). Administrators read the whole journal; clinic staff read only the
 * entries about their own clinic — those whose `details.clinicId` names it. Failed messages are for
 * administrators only, the recipient masked.
 */
const tags = ["staff"];

const isoDate = z.string().refine(isIsoDate, { message: "Дата в формате ГГГГ-ММ-ДД" });
const ZJournalQuery = z.object({
  /** An action (`waitlist.offer`), or a family of them ending in `.*` (`waitlist.*`). */
  action: z
    .string()
    .regex(/^[a-z_.]{3,64}(\.\*)?$/, {
      message: "Действие: латинские буквы, _ и точки, например waitlist.offer",
    })
    .optional(),
  result: z.enum(["success", "failure"], { message: "Результат: success или failure" }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z
    .string()
    .regex(/^\d{1,18}$/, { message: "Курсор: номер записи журнала" })
    .optional(),
  limit: z.coerce
    .number({ message: "Число записей: от 1 до 100" })
    .int({ message: "Число записей: от 1 до 100" })
    .min(1, { message: "Число записей: от 1 до 100" })
    .max(100, { message: "Число записей: от 1 до 100" })
    .default(50),
});

const journalRoute = createRoute({
  method: "get",
  path: "/staff/journal",
  tags,
  summary:
    "The journal, newest first (administrators: everything; clinic staff: entries about their clinic); `before` pages on by id",
  middleware: [requireUser("admin", "clinic_staff")] as const,
  request: { query: ZJournalQuery },
  responses: { 200: jsonResponse("Entries", ZJournalResponse), ...commonErrors },
});
const failedRoute = createRoute({
  method: "get",
  path: "/staff/notifications/failed",
  tags,
  summary: "Messages the outbox gave up on (administrators), newest first, the recipient masked",
  middleware: [requireUser("admin")] as const,
  responses: { 200: jsonResponse("Failed messages", ZFailedMessageListResponse), ...commonErrors },
});

/** Most failed messages listed at once. */
const FAILED_SHOWN = 200;

/**
 * Hides e-mail addresses and runs of 10 or more digits (phones, СНИЛС, policy and passport numbers)
 * standing on their own in a text; dates and the digits inside ids are kept.
 */
function scrub(text: string, mask: string): string {
  return text
    .replace(/[^\s@"]+@[^\s@"]+/g, mask)
    .replace(/(?<!\w)\+?\d[\d ()-]*\d(?!\w)/g, (run) => (run.replace(/\D/g, "").length >= 10 ? mask : run));
}

/**
 * A journal detail as shown: the journal holds ids and codes only, and this keeps it so even if a
 * writer slipped — a contact or document number inside a value is hidden.
 */
function shownDetail(value: unknown): string | number | boolean | null {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value;
  if (typeof value !== "string") return null;
  return scrub(value, "***");
}

/** `+79161234545` → `+7 *** ***-**-45`. */
export function maskPhoneRecipient(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return `+7 *** ***-**-${digits.slice(-2)}`;
}

/** `ivanov@example.ru` → `i***@example.ru`. */
export function maskEmailRecipient(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export const staffJournalRoutes = createRouter()
  .openapi(journalRoute, async (c) => {
    const query = c.req.valid("query");
    const me = signedInUser(c);
    const where: (SQL | undefined)[] = [];
    if (me.role !== "admin") {
      const { clinicId } = await staffClinic(c);
      where.push(sql`${auditEvents.details}->>'clinicId' = ${clinicId}`);
    }
    if (query.action !== undefined) {
      where.push(
        query.action.endsWith(".*")
          ? like(auditEvents.action, `${query.action.slice(0, -1).replaceAll("_", "\\_")}%`)
          : eq(auditEvents.action, query.action),
      );
    }
    if (query.result !== undefined) where.push(eq(auditEvents.result, query.result));
    // Dates are UTC days: `from` its start, `to` inclusive.
    if (query.from !== undefined) where.push(gte(auditEvents.at, new Date(`${query.from}T00:00:00Z`)));
    if (query.to !== undefined) where.push(lt(auditEvents.at, new Date(`${addDays(query.to, 1)}T00:00:00Z`)));
    if (query.before !== undefined) where.push(lt(auditEvents.id, Number(query.before)));
    const rows = await c
      .get("services")
      .db.select()
      .from(auditEvents)
      .where(and(...where))
      .orderBy(desc(auditEvents.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items: TJournalEntry[] = page.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      action: row.action,
      result: row.result,
      actorUserId: row.actorUserId,
      subjectUserId: row.subjectUserId,
      details: Object.fromEntries(Object.entries(row.details).map(([k, v]) => [k, shownDetail(v)])),
      requestId: row.requestId,
    }));
    const last = page.at(-1);
    return c.json({ items, nextBefore: rows.length > query.limit && last ? String(last.id) : null }, 200);
  })
  .openapi(failedRoute, async (c) => {
    const rows = await c
      .get("services")
      .db.select()
      .from(outboxMessages)
      // Given up, or still being retried after many failures: either way someone should look.
      .where(
        or(
          eq(outboxMessages.status, "failed"),
          and(ne(outboxMessages.status, "sent"), gte(outboxMessages.attempts, ATTENTION_ATTEMPTS)),
        ),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(FAILED_SHOWN);
    const items = rows.map((m) => ({
      id: m.id,
      channel: m.channel,
      kind: m.kind,
      recipientMasked:
        m.channel === "sms" ? maskPhoneRecipient(m.recipient) : maskEmailRecipient(m.recipient),
      attempts: m.attempts,
      // The worker already strips contacts from transport errors; this keeps it so for older rows.
      lastError: m.lastError === null ? null : scrub(m.lastError, "…"),
      createdAt: m.createdAt.toISOString(),
    }));
    return c.json({ items }, 200);
  });
