import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A partner site (a clinic's or a region's portal) that may embed Priyom's widgets. Its origin
 * feeds CORS, the auth library's trusted origins and the widget sign-in hand-over; read from the
 * database on every change, so registering a partner needs no restart.
 */
export const partners = pgTable(
  "partners",
  {
    /** `ptn_…`. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** Scheme, host and port only, lower case, no path: exactly what a browser sends as `Origin`. */
    origin: text("origin").notNull(),
    createdBy: text("created_by").references(() => user.id, { onDelete: "set null" }),
    createdAt: instant("created_at").notNull().defaultNow(),
    /** Set when an administrator withdraws the partner; its widgets stop working at once. */
    revokedAt: instant("revoked_at"),
  },
  (t) => [
    // One live registration per origin; a withdrawn one may be registered again.
    uniqueIndex("partners_live_origin_key")
      .on(t.origin)
      .where(sql`${t.revokedAt} is null`),
    check("partners_id_prefix", sql`${t.id} ~ '^ptn_[A-Za-z0-9_-]{8,40}$'`),
    check("partners_name", sql`length(trim(${t.name})) between 1 and 120`),
    check(
      "partners_origin_format",
      sql`${t.origin} ~ '^https?://[a-z0-9.-]+(:[0-9]{1,5})?$' and length(${t.origin}) <= 200`,
    ),
    check("partners_revoked_after_created", sql`${t.revokedAt} is null or ${t.revokedAt} >= ${t.createdAt}`),
  ],
);

/**
 * A short-lived bearer token a widget on a partner's page uses instead of a session cookie (browsers
 * block third-party cookies). Issued to a signed-in patient through the pop-up on our own origin,
 * handed to the partner's origin only; only the SHA-256 of the token is kept.
 */
export const widgetTokens = pgTable(
  "widget_tokens",
  {
    /** `wtk_…`. */
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
  },
  (t) => [
    uniqueIndex("widget_tokens_hash_key").on(t.tokenHash),
    index("widget_tokens_user").on(t.userId, t.createdAt),
    check("widget_tokens_id_prefix", sql`${t.id} ~ '^wtk_[A-Za-z0-9_-]{8,40}$'`),
    check("widget_tokens_hash_format", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    // Short-lived by construction: never more than an hour.
    check(
      "widget_tokens_lifetime",
      sql`${t.expiresAt} > ${t.createdAt} and ${t.expiresAt} <= ${t.createdAt} + interval '1 hour'`,
    ),
  ],
);
