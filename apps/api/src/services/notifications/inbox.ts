import type { TNotification, TNotificationListResponse } from "@priyom/contracts";
import { notifications, type Database } from "@priyom/db";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { AppError } from "../../errors.ts";

/** The cabinet shows this many of the newest notifications. */
export const NOTIFICATIONS_SHOWN = 50;

function toNotification(row: typeof notifications.$inferSelect): TNotification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    appointmentId: row.appointmentId,
    referralId: row.referralId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** How many of the account's notifications are unread (the shell's badge). */
export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The account's 50 newest notifications and the unread count. */
export async function listNotifications(db: Database, userId: string): Promise<TNotificationListResponse> {
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_SHOWN);
  return { items: rows.map(toNotification), unread: await unreadCount(db, userId) };
}

/** Marks one of the account's notifications read (again: no change); another's is `not_found`. */
export async function markNotificationRead(db: Database, userId: string, id: string): Promise<void> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  if (!row) throw new AppError("not_found", { logMessage: "no such notification of this account" });
}

/** Marks every unread notification of the account read; returns how many. */
export async function markAllNotificationsRead(db: Database, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
