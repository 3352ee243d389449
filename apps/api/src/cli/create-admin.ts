// Creates an administrator: `pnpm --filter @priyom/api create-admin -- --email a@b.ru --name "Фамилия Имя"`
// The password is read from the ADMIN_PASSWORD environment variable (never from the command line,
// where it would stay in the shell history and the process list). Uses the same settings as the
// server (DATABASE_URL or the embedded folder, which must not be open in a running server).
import { parseArgs } from "node:util";
import { checkEmail, checkPassword } from "@priyom/domain";
import { loadConfig } from "../env.ts";
import { createLogger } from "../logger.ts";
import { recordAudit } from "../audit.ts";
import { provisionAccount } from "../services/accounts/provision.ts";
import { createServices } from "../services.ts";
import { prepareDatabase } from "../start.ts";

async function main() {
  // pnpm passes the `--` separator through to the script: drop it.
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const { values } = parseArgs({ args, options: { email: { type: "string" }, name: { type: "string" } } });
  const email = checkEmail(values.email ?? "");
  const password = checkPassword(process.env.ADMIN_PASSWORD ?? "");
  const name = (values.name ?? "").trim();
  const problems = [
    ...(email.ok ? [] : [`--email: ${email.error.message}`]),
    ...(password.ok ? [] : [`ADMIN_PASSWORD: ${password.error.message}`]),
    ...(name === "" ? ["--name: укажите имя администратора"] : []),
  ];
  if (!email.ok || !password.ok || problems.length > 0) {
    process.stderr.write(
      `${problems.join("\n")}\nusage: ADMIN_PASSWORD=… pnpm --filter @priyom/api create-admin -- --email admin@example.ru --name "Фамилия Имя"\n`,
    );
    process.exit(64);
  }
  const config = loadConfig();
  const logger = createLogger("warn");
  const database = await prepareDatabase(config, logger);
  try {
    const services = createServices(config, database, logger);
    const result = await provisionAccount(services, {
      email: email.value,
      password: password.value,
      name,
      role: "admin",
    });
    await recordAudit(services.db, {
      action: "account.admin_created",
      result: result.created ? "success" : "failure",
      subjectUserId: result.userId,
      details: { via: "cli" },
    });
    process.stdout.write(
      result.created
        ? `administrator ${email.value} created\n`
        : `${email.value} already exists: nothing changed\n`,
    );
    if (!result.created) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
