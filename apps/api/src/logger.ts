import type { AppConfig } from "./env.ts";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * One JSON line per event on stderr. Callers pass only fields that are safe to keep: never request
 * bodies, query strings or personal data (passport, СНИЛС, policy) — which is why the request log
 * records the route path without its query.
 */
export function createLogger(
  level: AppConfig["logLevel"],
  sink: (line: string) => void = (line) => void process.stderr.write(line),
): Logger {
  const threshold = LEVELS[level];
  const write = (lvl: Exclude<keyof typeof LEVELS, "silent">, message: string, fields?: LogFields) => {
    if (LEVELS[lvl] < threshold) return;
    sink(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, message, ...fields })}\n`);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
  };
}
