import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DataDirLockedError, acquireDataDirLock, openDatabase } from "@priyom/db";
import { afterEach, describe, expect, it } from "vitest";

const API_DIR = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "priyom-lock-"));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs the real server entry point as a second process and collects how it ended. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: API_DIR,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the second process did not exit; stderr: ${stderr}`));
    }, 25_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("the embedded database folder has one owner", () => {
  it("refuses a second process on the same data folder with a clear message", async () => {
    const dataDir = tempDir();
    const owner = await openDatabase({ kind: "pglite", dataDir });
    try {
      const second = await runServer({ DATA_DIR: dataDir, PORT: "47391", WEB_ROOT: "" });
      expect(second.code).toBe(2);
      expect(second.stderr).toContain(`already used by process ${process.pid}`);
      expect(second.stderr).toContain("Папка встроенной базы данных уже занята");
    } finally {
      await owner.close();
    }
  });

  it("refuses a second opener in the same process too, and frees the folder on close", () => {
    const dataDir = tempDir();
    const release = acquireDataDirLock(dataDir);
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    release();
    const again = acquireDataDirLock(dataDir);
    again();
  });

  it("takes over a lock left by a process that died", async () => {
    const dataDir = tempDir();
    const { writeFileSync } = await import("node:fs");
    // PID 2^22 + 1 is above Linux's pid_max default range used here: no such process.
    writeFileSync(join(dataDir, "priyom.lock"), "4194305");
    const release = acquireDataDirLock(dataDir);
    release();
  });
});
