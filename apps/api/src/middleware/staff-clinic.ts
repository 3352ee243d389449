import { clinicStaff } from "@priyom/db";
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { AppError } from "../errors.ts";
import { signedInUser } from "./require-user.ts";

/**
 * The clinic of a signed-in staff member (their `clinic_staff` row; none → 403), the user's id and
 * the actor recorded on referral events (`staff:<id>`). For routes behind `requireUser("clinic_staff")`.
 */
export async function staffClinic(
  c: Context<AppEnv>,
): Promise<{ clinicId: string; userId: string; actor: string }> {
  const user = signedInUser(c);
  const [row] = await c
    .get("services")
    .db.select({ clinicId: clinicStaff.clinicId })
    .from(clinicStaff)
    .where(eq(clinicStaff.userId, user.id));
  if (!row) {
    throw new AppError("forbidden", {
      logMessage: "clinic_staff user without a clinic",
      message:
        c.get("locale") === "en"
          ? "Your account is not linked to a clinic"
          : "Ваша учётная запись не привязана к поликлинике",
    });
  }
  return { clinicId: row.clinicId, userId: user.id, actor: `staff:${user.id}` };
}
