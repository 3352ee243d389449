// Clinic API keys and clinic staff accounts from the command line (same services as the admin API):
//   pnpm --filter @priyom/api clinic-keys -- issue --clinic cln_msk0002 --name "МИС" --permissions doctors:write,referrals:write
//   pnpm --filter @priyom/api clinic-keys -- list --clinic cln_msk0002
//   pnpm --filter @priyom/api clinic-keys -- revoke --key key_…
//   STAFF_PASSWORD=… pnpm --filter @priyom/api clinic-keys -- staff --clinic cln_msk0002 --email reg@example.ru --name "Фамилия Имя"
// The key is printed once (stdout) and never again. Uses the server's settings (DATABASE_URL or the
// embedded folder, which must not be open in a running server).
import { parseArgs } from "node:util";
import { clinicStaff, clinics } from "@priyom/db";
import { checkEmail, checkPassword } from "@priyom/domain";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit.ts";
import {
  CLINIC_API_PERMISSIONS,
  issueClinicApiKey,
  listClinicApiKeys,
  revokeClinicApiKey,
} from "../clinic-api/keys.ts";
import type { AppServices } from "../context.ts";
import { loadConfig } from "../env.ts";
import { AppError } from "../errors.ts";
import { createLogger } from "../logger.ts";
import { provisionAccount } from "../services/accounts/provision.ts";
import { createServices } from "../services.ts";
import { prepareDatabase } from "../start.ts";

const USAGE = `usage:
  clinic-keys issue --clinic cln_… --name "МИС" --permissions ${CLINIC_API_PERMISSIONS.join(",")}
  clinic-keys list --clinic cln_…
  clinic-keys revoke --key key_…
  STAFF_PASSWORD=… clinic-keys staff --clinic cln_… --email … --name "Фамилия Имя"
`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`${flag}: обязательный параметр`);
  return value.trim();
}

async function run(services: AppServices, command: string, values: Record<string, string | undefined>) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case "issue": {
      const issued = await issueClinicApiKey(
        services.db,
        {
          clinicId: required(values.clinic, "--clinic"),
          name: required(values.name, "--name"),
          permissions: required(values.permissions, "--permissions")
            .split(",")
            .map((p) => p.trim()),
        },
        { userId: null, via: "cli" },
      );
      out(`key ${issued.info.id} for ${issued.info.clinicId} (${issued.info.permissions.join(", ")})`);
      out("Сохраните ключ: он показывается один раз / store the key now, it is shown once:");
      out(issued.key);
      return;
    }
    case "list": {
      const keys = await listClinicApiKeys(services.db, required(values.clinic, "--clinic"));
      if (keys.length === 0) out("no keys");
      for (const k of keys) {
        out(
          [
            k.id,
            `pk_${k.prefix}_…`,
            k.name,
            k.permissions.join(","),
            `created ${k.createdAt}`,
            `last used ${k.lastUsedAt ?? "never"}`,
            k.revokedAt ? `REVOKED ${k.revokedAt}` : "active",
          ].join("\t"),
        );
      }
      return;
    }
    case "revoke": {
      const info = await revokeClinicApiKey(services.db, required(values.key, "--key"), {
        userId: null,
        via: "cli",
      });
      out(`key ${info.id} revoked at ${info.revokedAt ?? "?"}`);
      return;
    }
    case "staff": {
      const clinicId = required(values.clinic, "--clinic");
      const email = checkEmail(values.email ?? "");
      const password = checkPassword(process.env.STAFF_PASSWORD ?? "");
      const name = required(values.name, "--name");
      if (!email.ok) throw new UsageError(`--email: ${email.error.message}`);
      if (!password.ok) throw new UsageError(`STAFF_PASSWORD: ${password.error.message}`);
      const [clinic] = await services.db
        .select({ id: clinics.id })
        .from(clinics)
        .where(eq(clinics.id, clinicId));
      if (!clinic) throw new UsageError(`--clinic: поликлиника ${clinicId} не найдена`);
      const result = await provisionAccount(services, {
        email: email.value,
        password: password.value,
        name,
        role: "clinic_staff",
      });
      if (!result.created) {
        out(`${email.value} already exists: nothing changed`);
        process.exitCode = 1;
        return;
      }
      await services.db.insert(clinicStaff).values({ userId: result.userId, clinicId });
      await recordAudit(services.db, {
        action: "account.staff_created",
        result: "success",
        subjectUserId: result.userId,
        details: { via: "cli", clinicId },
      });
      out(`clinic staff ${email.value} of ${clinicId} created`);
      return;
    }
    default:
      throw new UsageError(command ? `unknown command: ${command}` : "no command");
  }
}

async function main() {
  // `pnpm … clinic-keys -- issue …` passes the `--` on: drop it, or every flag after it would be
  // taken for a positional.
  const args = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: args[0] === "--" ? args.slice(1) : args,
    allowPositionals: true,
    options: {
      clinic: { type: "string" },
      name: { type: "string" },
      permissions: { type: "string" },
      key: { type: "string" },
      email: { type: "string" },
    },
  });
  const [command = ""] = positionals;
  const config = loadConfig();
  const logger = createLogger("warn");
  const database = await prepareDatabase(config, logger);
  try {
    await run(createServices(config, database, logger), command, values);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n${USAGE}`);
    process.exit(64);
  }
  if (error instanceof AppError) {
    const fields = error.options.fields
      ? Object.entries(error.options.fields).map(([k, v]) => `${k}: ${v}`)
      : [];
    process.stderr.write(`${[error.code, ...fields].join("\n")}\n`);
    process.exit(error.code === "not_found" ? 66 : 65);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
