/**
 * The built portal as a child process for the HTTP bench: `next start` on a free loopback port,
 * started by the same command as `npm start` (../lib/next-server.ts), building first when .next
 * is missing or older than the sources; its memory sampled from /proc over the whole process
 * tree, and a clean stop.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { buildNeeded } from "../lib/build-needed";
import { nextStartCommand } from "../lib/next-server";

export type RunningServer = {
  base: string;
  /** The largest resident set of the whole process tree seen so far, in MB. */
  peakRssMb: () => number;
  /** CPU time used so far by the server's process tree (user + system), in ms. */
  cpuMs: () => number;
  /** The last 20,000 characters the server printed (for a failure's explanation). */
  log: () => string;
  stop: () => Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The pid and every descendant of it, from the parent links in /proc. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The summed VmRSS of the processes, in kB (processes that exit meanwhile count 0). */
function rssKb(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]);
    } catch {
      // exited
    }
  }
  return total;
}

/** Summed user + system CPU time of the processes, in ms (Linux clock ticks are 1/100 s). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks * 10;
}

async function waitUntilReady(base: string, child: ChildProcess, log: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`门户进程已退出（${child.exitCode ?? child.signalCode}）：\n${log()}`);
    try {
      const response = await fetch(`${base}/login`, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`门户在 ${timeoutMs / 1000} 秒内未就绪：\n${log()}`);
}

/**
 * Builds if needed, starts `next start` against `databaseUrl` and waits until it answers. The
 * environment is this process's (PII_KEY, and for the bench province its fake clock) plus the
 * database, a throwaway session secret and the server's own address.
 */
export async function startServer(root: string, databaseUrl: string, opts: { nodeArgs?: string[] } = {}): Promise<RunningServer> {
  if (!process.env.PII_KEY) throw new Error("HTTP 压测需要 PII_KEY（生成数据时使用的个人信息加密密钥）。");
  const next = path.join(root, "node_modules/.bin/next");
  if (buildNeeded(root)) {
    console.log("HTTP 压测：正在构建门户（next build）…");
    const build = spawnSync(next, ["build"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (build.status !== 0) throw new Error("构建失败（next build），请查看上面的输出。");
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete (env as Record<string, string | undefined>).NODE_ENV;
  // Started as `npm start` starts it; node options such as --cpu-prof are refused in NODE_OPTIONS:
  // they go on node's command line.
  const start = nextStartCommand(root, "127.0.0.1", port, opts.nodeArgs);
  const child = spawn(start.command, start.args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let peakKb = 0;
  let tree: number[] = [child.pid!];
  const sample = () => {
    tree = processTree(child.pid!);
    peakKb = Math.max(peakKb, rssKb(tree));
  };
  const sampler = setInterval(sample, 250);

  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode === null && child.signalCode === null) {
      const lastTree = processTree(child.pid!);
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 10_000))]);
      // Whatever of the tree outlived a graceful stop is killed (only processes this bench started).
      for (const pid of timedOut ? lastTree : lastTree.slice(1)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      if (timedOut) await exited;
    }
  };
  try {
    await waitUntilReady(base, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  sample();
  return {
    base,
    peakRssMb: () => {
      sample();
      return peakKb / 1024;
    },
    cpuMs: () => cpuMsOf(processTree(child.pid!)),
    log: () => output,
    stop,
  };
}
