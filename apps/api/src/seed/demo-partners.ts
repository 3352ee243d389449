import { partners, type Database } from "@priyom/db";
import { and, eq, isNull } from "drizzle-orm";
import { normalizeOrigin } from "../services/partners/origin.ts";

export const DEMO_PARTNER_NAME = "Портал городской поликлиники (демо)";

const DEMO_PARTNER_ID = "ptn_demo_portal";

/**
 * Registers the demo partner page (plain HTML on another port, so another origin) that embeds the
 * calendar widget — once: a live registration of that origin, whoever made it, is left as it is,
 * and so is the demo partner once an administrator has withdrawn it. Returns the partner's id.
 */
export async function seedDemoPartner(db: Database, rawOrigin: string): Promise<string> {
  const origin = normalizeOrigin(rawOrigin);
  if (!origin) throw new Error(`DEMO_PARTNER_ORIGIN is not a bare http(s) origin: "${rawOrigin}"`);
  const live = and(eq(partners.origin, origin), isNull(partners.revokedAt));
  const [existing] = await db.select({ id: partners.id }).from(partners).where(live);
  if (existing) return existing.id;
  // A fixed id: two processes seeding at once (or a withdrawn demo partner) insert nothing twice.
  await db
    .insert(partners)
    .values({ id: DEMO_PARTNER_ID, name: DEMO_PARTNER_NAME, origin })
    .onConflictDoNothing();
  const [row] = await db.select({ id: partners.id }).from(partners).where(live);
  return row?.id ?? DEMO_PARTNER_ID;
}
