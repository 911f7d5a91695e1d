import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { livePostmasterPid } from "../../../scripts/lib/embedded-db";
import { acquireInstanceLock } from "../../../scripts/lib/instance-lock";

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lock-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("issue 2: a second npm start on the same data folder fails clearly", () => {
  it("refuses while another live process holds the lock, and names it", async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"]);
    try {
      fs.writeFileSync(path.join(dir, "portal.pid"), String(other.pid));
      expect(() => acquireInstanceLock(dir)).toThrow(`门户已在运行（进程 PID ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that is gone, and releases it", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, "portal.pid"), "999999999");
    const release = acquireInstanceLock(dir);
    expect(fs.readFileSync(path.join(dir, "portal.pid"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "portal.pid"))).toBe(false);
  });

  it("sees a live PostgreSQL from its pid file; a stale or missing pid file is no server", () => {
    const dir = tempDir();
    expect(livePostmasterPid(dir)).toBeNull();
    fs.writeFileSync(path.join(dir, "postmaster.pid"), `${process.pid}\n/data\n`);
    expect(livePostmasterPid(dir)).toBe(process.pid);
    fs.writeFileSync(path.join(dir, "postmaster.pid"), "999999999\n");
    expect(livePostmasterPid(dir)).toBeNull();
  });
});
