import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "逾期与缓冲期" };

export default function OverdueReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="overdue" searchParams={searchParams} />;
}
