import fs from "node:fs";
import path from "node:path";

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One portal per data folder: a second `npm start` stops here with a clear message instead of
 * touching a database another process is using. A lock left by a crashed run is taken over.
 */
export function acquireInstanceLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "portal.pid");
  if (fs.existsSync(file)) {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new Error(`门户已在运行（进程 PID ${pid}，数据目录 ${dataDir}）。请先停止它（Ctrl+C）再启动，或用 PORTAL_DATA_DIR 指定另一个数据目录。`);
    }
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  };
}
