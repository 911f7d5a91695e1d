import type { Metadata } from "next";
import Link from "next/link";
import { AdminForm } from "@/components/admin-form";
import { CALENDAR_KIND_LABELS } from "@/lib/domain/holiday-import";
import { listCalendarDays } from "@/lib/server/calendar/list-calendar-days";
import { adminQuery } from "../queries";
import { addCalendarDayAction, importCalendarYearAction, removeCalendarDayAction } from "./actions";

export const metadata: Metadata = { title: "节假日" };

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const { year } = await searchParams;
  const data = await adminQuery(listCalendarDays, year ? { year } : {});
  const years = [...new Set([...data.years, data.year, data.year + 1])].sort();
  const holidays = data.days.filter((d) => d.kind === "holiday").length;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">节假日与调休</h1>
        <p className="text-sm text-slate-600">计算工作日（公示期、分担时限、办结时限）时使用本县的日历：放假日不计工作日，调休上班的周末计为工作日。</p>
      </div>
      <nav aria-label="年份" className="flex flex-wrap gap-2">
        {years.map((y) => (
          <Link key={y} href={`/admin/calendar?year=${y}`} aria-current={y === data.year ? "page" : undefined}
            className={`rounded border px-3 py-1 text-sm ${y === data.year ? "border-blue-700 bg-blue-700 text-white" : "border-slate-300 bg-white"}`}>
            {y} 年
          </Link>
        ))}
      </nav>
      <section className="space-y-2">
        <h2 className="font-semibold">{data.year} 年：放假 {holidays} 天，调休上班 {data.days.length - holidays} 天</h2>
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm">
          <table className="w-full whitespace-nowrap text-left text-sm" data-testid="calendar-days">
            <thead className="bg-slate-100 text-slate-600"><tr><th className="p-2">日期</th><th className="p-2">星期</th><th className="p-2">类型</th><th className="p-2">名称</th><th className="p-2"></th></tr></thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.id} className="border-t">
                  <td className="p-2 font-mono">{d.date}</td>
                  <td className="p-2">{WEEKDAYS[d.weekday]}</td>
                  <td className="p-2">{CALENDAR_KIND_LABELS[d.kind]}</td>
                  <td className="p-2">{d.name}</td>
                  <td className="p-2"><AdminForm action={removeCalendarDayAction} hidden={{ id: d.id }} submitLabel="删除" inline tone="plain" /></td>
                </tr>
              ))}
              {data.days.length === 0 ? <tr><td colSpan={5} className="p-4 text-center text-slate-500">该年尚无节假日记录，请添加或导入。</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">添加一天</h2>
        <AdminForm action={addCalendarDayAction} submitLabel="添加" initial={{ kind: "holiday" }}
          fields={[
            { name: "date", label: "日期", type: "date" },
            { name: "kind", label: "类型", type: "select", options: [{ value: "holiday", label: "放假" }, { value: "workday", label: "调休上班（周末）" }] },
            { name: "name", label: "名称", wide: true, placeholder: "如：春节" },
          ]} />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">导入一整年</h2>
        <p className="text-sm text-slate-600">导入会替换该年的全部记录。可粘贴清单（每行“日期 类型 名称”，类型为“放假”或“调休上班”），或上传列为“日期、类型、名称”的工作簿。任何一行有误时不作修改。</p>
        <AdminForm action={importCalendarYearAction} submitLabel="导入" pendingLabel="正在导入…" initial={{ year: String(data.year + 1) }} testId="calendar-import"
          fields={[
            { name: "year", label: "年份" },
            { name: "file", label: "或上传工作簿（.xlsx）", type: "file", accept: ".xlsx" },
            { name: "text", label: "粘贴清单", type: "textarea", placeholder: "2027-01-01 放假 元旦\n2027-02-06 调休上班 春节" },
          ]} />
      </section>
    </div>
  );
}
