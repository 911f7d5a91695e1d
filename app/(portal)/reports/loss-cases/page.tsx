import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "风险补偿案件" };

export default function LossCasesReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="loss-cases" searchParams={searchParams} />;
}
