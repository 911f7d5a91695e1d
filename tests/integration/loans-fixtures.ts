import type { Actor } from "@/lib/server/actor";
import { actorFromUser } from "@/lib/server/actor-from-user";
import { householdInput, makeActor, prisma, type TestCounty, validId } from "./fixtures";

let seq = 0;

/** A bank of the county and one of its officers. */
export async function makeBank(c: TestCounty, name = "测试农商银行"): Promise<{ bankId: string; officer: Actor }> {
  const bank = await prisma.bank.create({ data: { countyId: c.county.id, name } });
  const { userId } = await makeActor("bank_officer", c.county.id);
  const user = await prisma.user.update({ where: { id: userId }, data: { bankId: bank.id }, include: { orgUnit: true } });
  return { bankId: bank.id, officer: actorFromUser(user)! };
}

export type Instalment = { dueDate: string; principal: string; interest: string };

/** A disbursed household loan with its schedule, created directly (as issue 4's disbursement does). */
export async function makeLoan(o: {
  c: TestCounty;
  bankId: string;
  principal: string;
  schedule: Instalment[];
  disbursedOn?: string;
  village?: { township: number; village: number };
  contractNumber?: string;
}) {
  const n = ++seq;
  const t = o.c.townships[o.village?.township ?? 0];
  const v = t.villages[o.village?.village ?? 0];
  const household = await prisma.household.create({
    data: {
      ...householdInput({ idNumber: validId("410499", "19800101", String(100 + n).slice(-3)) }),
      headName: `借款人${n}`, membersCount: 4, status: "registeredPoor", labourCapacity: "full", creditGrade: "A",
      villageId: v.id, townshipId: t.id, countyId: o.c.county.id,
    },
  });
  const app = await prisma.application.create({
    data: {
      kind: "household", status: "disbursed", countyId: o.c.county.id, townshipId: t.id, villageId: v.id, householdId: household.id,
      amount: o.principal, termMonths: 12, purpose: "breeding", projectDescription: "养牛", repaymentSource: "出栏", createdById: "test",
    },
  });
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  return prisma.loan.create({
    data: {
      applicationId: app.id, kind: "household", countyId: o.c.county.id, townshipId: t.id, villageId: v.id, householdId: household.id,
      bankId: o.bankId, contractNumber: o.contractNumber ?? `HT-${n}`, principal: o.principal, rate: "0.0435", termMonths: 12,
      disbursedOn: d(o.disbursedOn ?? "2026-01-10"), maturityDate: d(o.schedule[o.schedule.length - 1].dueDate), outstandingPrincipal: o.principal,
      schedule: { create: o.schedule.map((s, i) => ({ seq: i + 1, dueDate: d(s.dueDate), principalDue: s.principal, interestDue: s.interest })) },
    },
    include: { schedule: { orderBy: { seq: "asc" } } },
  });
}

export async function loanState(loanId: string) {
  const loan = await prisma.loan.findUniqueOrThrow({ where: { id: loanId }, include: { schedule: { orderBy: { seq: "asc" } } } });
  return {
    status: loan.status,
    outstanding: loan.outstandingPrincipal.toFixed(2),
    version: loan.version,
    items: loan.schedule.map((s) => [s.status, s.principalPaid.toFixed(2), s.interestPaid.toFixed(2), s.interestDue.toFixed(2)]),
  };
}
