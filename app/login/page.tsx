import type { Metadata } from "next";
import { LoginForm } from "@/components/login-form";

export const metadata: Metadata = { title: "登录" };

function safeCallback(value: string | undefined): string {
  // Only same-site paths: never redirect a signed-in user to another host.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const notice = params.expired ? "登录已超时（30 分钟无操作或已满 8 小时），请重新登录。" : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow">
        <h1 className="text-center text-lg font-semibold">扶贫小额信贷管理平台</h1>
        <p className="mb-6 mt-1 text-center text-sm text-slate-500">县 · 乡 · 村三级金融扶贫服务体系</p>
        <LoginForm callbackUrl={safeCallback(params.callbackUrl)} notice={notice} />
      </div>
    </main>
  );
}
