"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg p-8 text-center">
      <h1 className="text-xl font-semibold">页面暂时无法显示</h1>
      <p className="mt-2 text-slate-600">系统遇到了问题，请稍后重试；如问题持续，请联系系统管理员。</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-blue-700 px-4 py-2 text-white">
        重试
      </button>
    </main>
  );
}
