import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { releaseRenderAbortStack } from "@/lib/server/render-abort-stack";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "扶贫小额信贷管理平台", template: "%s · 扶贫小额信贷管理平台" },
  description: "县、乡、村三级金融扶贫服务体系的小额信贷业务平台",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request: each page's scripts carry that request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not.
  await connection();
  releaseRenderAbortStack();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
