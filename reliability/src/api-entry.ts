// The API as the reliability suite runs it: the real server (`startServer`: migrations, services,
// outbox worker, jobs, routes on @hono/node-server) in a process of its own, so a test can SIGKILL
// it, stop its database under it or run two of them. One difference from `apps/api/src/server.ts`:
// the caller is named by the `x-test-user` header (and `x-test-role`, default patient) instead of a
// session cookie, because signing in thousands of patients would measure password hashing, not the
// faults. Sign-in itself (`/api/auth/*`, lockouts) stays real. Never started outside tests.
import type { TRole } from "@priyom/contracts";
import { loadConfig, startServer } from "@priyom/api";

const ROLES = new Set<TRole>(["patient", "clinic_staff", "admin"]);

async function main() {
  const server = await startServer(loadConfig(), {
    adjustServices: (services) => ({
      ...services,
      authenticate: async (headers) => {
        const id = headers.get("x-test-user");
        if (!id) return services.authenticate(headers);
        const role = (headers.get("x-test-role") ?? "patient") as TRole;
        if (!ROLES.has(role)) return null;
        return { id, role, sessionId: `ses_test_${id}` };
      },
    }),
  });
  process.send?.({ type: "ready", port: server.port });
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Exit code meaning "the port was taken": the parent may try again (see `startApiProcess`). */
const PORT_TAKEN = 3;

main().catch((error: unknown) => {
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    process.stderr.write(`reliability api: port taken (${String((error as Error).message)})\n`);
    process.exit(PORT_TAKEN);
  }
  process.stderr.write(
    `reliability api failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
