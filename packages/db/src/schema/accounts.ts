import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { clinics } from "./clinics.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One-time codes sent by SMS or e-mail (sign-up confirmation, a new device, password recovery).
 * Only a keyed hash of the code is kept; a code expires (5 minutes) and allows 3 attempts.
 */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    purpose: text("purpose", {
      enum: ["confirm_phone", "confirm_email", "new_device", "recovery"],
    }).notNull(),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    codeHash: text("code_hash").notNull(),
    attemptsLeft: integer("attempts_left").notNull(),
    expiresAt: instant("expires_at").notNull(),
    consumedAt: instant("consumed_at"),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("verification_codes_lookup").on(t.userId, t.purpose),
    check(
      "verification_codes_purpose",
      sql`${t.purpose} in ('confirm_phone', 'confirm_email', 'new_device', 'recovery')`,
    ),
    check("verification_codes_channel", sql`${t.channel} in ('sms', 'email')`),
    check("verification_codes_attempts", sql`${t.attemptsLeft} between 0 and 3`),
    check("verification_codes_hash", sql`${t.codeHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Devices (browsers) an account has signed in from; only a hash of the device cookie is kept. */
export const knownDevices = pgTable(
  "known_devices",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    deviceHash: text("device_hash").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    lastSeenAt: instant("last_seen_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.deviceHash] }),
    check("known_devices_hash", sql`${t.deviceHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Failed passwords in a row, per account (`user:<id>`) or, for logins that match no account,
 * per keyed hash of the login (`login:<hash>`) — so unknown logins lock exactly like known ones
 * and a lock reveals nothing.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    key: text("key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    lockedUntil: instant("locked_until"),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [check("sign_in_failures_count", sql`${t.failures} >= 0`)],
);

/** Fixed-window request counters per client IP and route group; in the database so they survive restarts. */
export const rateLimitBuckets = pgTable(
  "rate_limit_buckets",
  {
    key: text("key").primaryKey(),
    windowStartedAt: instant("window_started_at").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [check("rate_limit_buckets_count", sql`${t.count} >= 0`)],
);

/** A clinic staff account is bound to exactly one clinic. */
export const clinicStaff = pgTable("clinic_staff", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  clinicId: text("clinic_id")
    .notNull()
    .references(() => clinics.id, { onDelete: "restrict" }),
  createdAt: instant("created_at").notNull().defaultNow(),
});
