import type { Metadata } from "next";
import { ReportPage, type ReportParams } from "../report-page";

export const metadata: Metadata = { title: "审计日志" };

export default function AuditLogReportPage({ searchParams }: { searchParams: ReportParams }) {
  return <ReportPage reportKey="audit-log" searchParams={searchParams} />;
}
