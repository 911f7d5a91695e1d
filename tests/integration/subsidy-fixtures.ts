import type { HouseholdStatus } from "@/generated/prisma/client";
import { householdInput, prisma, type TestCounty, validId } from "./fixtures";

let seq = 0;
const d = (s: string) => new Date(`${s}T00:00:00Z`);

export type Item = { dueDate: string; principal: string; interest: string };

/**
 * A disbursed loan written directly (as issue 4's disbursement does): a household loan by
 * default, or an enterprise loan driving `householdsDriven` households.
 */
export async function makeSubsidyLoan(o: {
  c: TestCounty;
  bankId: string;
  principal: string;
  rate: string;
  termMonths: number;
  disbursedOn: string;
  maturityDate: string;
  schedule: Item[];
  status?: HouseholdStatus;
  enterprise?: { householdsDriven: number };
  contractNumber?: string;
  township?: number;
}) {
  const n = ++seq;
  const t = o.c.townships[o.township ?? 0];
  const v = t.villages[0];
  const household = o.enterprise
    ? null
    : await prisma.household.create({
        data: {
          ...householdInput({ idNumber: validId("410499", "19800101", String(200 + n).slice(-3)) }),
          headName: `贴息户${n}`, membersCount: 4, status: o.status ?? "registeredPoor", labourCapacity: "full", creditGrade: "A",
          villageId: v.id, townshipId: t.id, countyId: o.c.county.id,
        },
      });
  const enterprise = o.enterprise
    ? await prisma.enterprise.create({
        data: {
          countyId: o.c.county.id, townshipId: t.id, name: `带贫企业${n}`, creditCode: `91410000MA${String(n).padStart(8, "0")}`,
          legalRepresentative: "王五", kind: "leadingEnterprise", agricultural: true, operatingSince: d("2015-01-01"),
        },
      })
    : null;
  const app = await prisma.application.create({
    data: {
      kind: enterprise ? "enterprise" : "household", status: "disbursed", countyId: o.c.county.id, townshipId: t.id,
      villageId: enterprise ? null : v.id, householdId: household?.id, enterpriseId: enterprise?.id,
      amount: o.principal, termMonths: o.termMonths, purpose: "breeding", projectDescription: "养牛", repaymentSource: "出栏", createdById: "test",
    },
  });
  if (o.enterprise) {
    for (let i = 0; i < o.enterprise.householdsDriven; i++) {
      const h = await prisma.household.create({
        data: {
          ...householdInput({ idNumber: validId("410499", "19810101", String(500 + n * 10 + i).slice(-3)) }),
          headName: `带动户${n}-${i}`, membersCount: 3, status: "registeredPoor", labourCapacity: "full",
          villageId: v.id, townshipId: t.id, countyId: o.c.county.id,
        },
      });
      await prisma.applicationHousehold.create({ data: { applicationId: app.id, householdId: h.id } });
    }
  }
  return prisma.loan.create({
    data: {
      applicationId: app.id, kind: enterprise ? "enterprise" : "household", countyId: o.c.county.id, townshipId: t.id,
      villageId: enterprise ? null : v.id, householdId: household?.id, enterpriseId: enterprise?.id, bankId: o.bankId,
      contractNumber: o.contractNumber ?? `TX-HT-${n}`, principal: o.principal, rate: o.rate, termMonths: o.termMonths,
      disbursedOn: d(o.disbursedOn), maturityDate: d(o.maturityDate), outstandingPrincipal: o.principal,
      schedule: { create: o.schedule.map((s, i) => ({ seq: i + 1, dueDate: d(s.dueDate), principalDue: s.principal, interestDue: s.interest })) },
    },
  });
}

/** A repayment as the bank reports it (written directly: the subsidy reads the table, never writes it). */
export async function repay(loan: { id: string; bankId: string }, paidOn: string, principal: string, interest: string) {
  await prisma.repayment.create({
    data: { loanId: loan.id, bankId: loan.bankId, reference: `R-${++seq}`, paidOn: d(paidOn), principal, interest },
  });
}

/** An approved extension (展期) requested on `requestedOn`. */
export async function extend(loanId: string, requestedOn: string, newMaturity: string) {
  await prisma.loanChange.create({
    data: {
      loanId, kind: "extension", status: "approved", newMaturity: d(newMaturity), reason: "生产周期延长", requestedById: "test",
      createdAt: new Date(`${requestedOn}T02:00:00Z`), decidedAt: new Date(`${requestedOn}T06:00:00Z`),
    },
  });
}
