import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "放款明细" };

export default function DisbursementsReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="disbursements" searchParams={searchParams} />;
}
