import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { isBankDeadlineExceeded } from "@/lib/domain/workflow";
import { shanghaiToday } from "../clock";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { applicantNames } from "./applicant-names";
import { applicationNumber, batchNumber } from "./application-number";

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Approved applications waiting to be forwarded, the partner banks, and the batches with their deadlines. */
export const batchOverview = defineQuery({
  name: "batch.overview",
  roles: ["county_officer", "bank_officer", "auditor"],
  input: z.object({}).optional().default({}),
  async run({ actor, tx, now }) {
    const today = shanghaiToday(now);
    const batchWhere: Prisma.BatchWhereInput = {
      ...(actor.countyId ? { countyId: actor.countyId } : {}),
      ...(actor.role === "bank_officer" ? { bankId: actor.bankId ?? "" } : {}),
    };
    const [ready, banks, batches] = await Promise.all([
      actor.role === "county_officer"
        ? tx.application.findMany({ where: { ...areaScope(actor), status: "countyApproved" }, orderBy: { serial: "asc" }, take: 1000 })
        : Promise.resolve([]),
      tx.bank.findMany({ where: { countyId: actor.countyId ?? undefined, active: true }, orderBy: { name: "asc" } }),
      tx.batch.findMany({
        where: batchWhere, orderBy: { serial: "desc" }, take: 100,
        include: { applications: { select: { status: true } } },
      }),
    ]);
    const applicant = await applicantNames(tx, ready);
    const bankName = new Map(banks.map((b) => [b.id, b.name]));
    return {
      banks: banks.map((b) => ({ id: b.id, name: b.name })),
      ready: ready.map((a) => ({ id: a.id, number: applicationNumber(a.serial), applicant: applicant.get(a.id) ?? "", amount: a.amount.toFixed(2), termMonths: a.termMonths })),
      batches: batches.map((b) => {
        const pending = b.applications.filter((a) => a.status === "batched").length;
        const deadline = iso(b.deadline);
        return {
          id: b.id, number: batchNumber(b.serial), bank: bankName.get(b.bankId) ?? "", sentOn: iso(b.sentOn), deadline,
          total: b.applications.length, pending, late: pending > 0 && isBankDeadlineExceeded(today, deadline),
        };
      }),
    };
  },
});
