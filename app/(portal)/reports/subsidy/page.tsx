import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "贴息按季度" };

export default function SubsidyReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="subsidy" searchParams={searchParams} />;
}
