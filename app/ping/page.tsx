import type { Metadata } from "next";
import { pingDatabase } from "@/lib/server/ping";

export const metadata: Metadata = { title: "连接检查" };

/**
 * The bare page of `npm run bench` (issue 8 item 5): behind the sign-in like every page (proxy.ts
 * sends a request without a session to /login), it renders with one trivial query and nothing
 * else, the floor that the portal's pages are compared with under load.
 */
export default async function PingPage() {
  const ok = await pingDatabase();
  return <p className="p-4 text-sm" data-testid="ping">{ok ? "数据库连接正常。" : "数据库连接异常。"}</p>;
}
