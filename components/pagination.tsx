import Link from "next/link";

export function Pagination({ page, pageSize, total, hrefFor }: {
  page: number; pageSize: number; total: number; hrefFor: (page: number) => string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="分页" className="flex items-center gap-3 text-sm">
      <span>共 {total} 条，第 {page} / {pages} 页</span>
      {page > 1 ? <Link href={hrefFor(page - 1)} className="text-blue-700 underline">上一页</Link> : null}
      {page < pages ? <Link href={hrefFor(page + 1)} className="text-blue-700 underline">下一页</Link> : null}
    </nav>
  );
}
