import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "公示记录" };

export default function PublicityReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="publicity" searchParams={searchParams} />;
}
