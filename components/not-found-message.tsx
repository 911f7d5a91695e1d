"use client";

import Link from "next/link";

/**
 * The not-found page's content. A client component because Next puts the not-found page into the
 * RSC payload of every page, once per layout: as a server component it was its whole element tree
 * each time, as a client component it is one reference.
 */
export function NotFoundMessage() {
  return (
    <main className="mx-auto max-w-lg p-8 text-center">
      <h1 className="text-xl font-semibold">未找到页面或记录</h1>
      <p className="mt-2 text-slate-600">您要找的内容不存在，或不在您的管辖范围内。</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        返回首页
      </Link>
    </main>
  );
}
