import { timestamp } from "drizzle-orm/pg-core";

/** Creation and update instants every table carries; stored as timestamptz, read as Date. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};
