/** SQLSTATEs of a refused write: unique violation and exclusion violation. */
const CONSTRAINT_CODES = new Set(["23505", "23P01"]);

/**
 * The SQLSTATE and constraint name of a unique or exclusion violation, looked for through the
 * driver error drizzle wraps (`err.cause`); null for any other error.
 */
export function constraintViolation(error: unknown): { code: string; constraint: string } | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && CONSTRAINT_CODES.has(code)) {
      return { code, constraint: typeof constraint === "string" ? constraint : "" };
    }
  }
  return null;
}
