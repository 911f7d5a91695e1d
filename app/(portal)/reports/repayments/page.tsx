import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "还款明细" };

export default function RepaymentsReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="repayments" searchParams={searchParams} />;
}
