import { beforeEach, describe, expect, it } from "vitest";
import { P_EVAL_SCORECARD } from "@/lib/domain/bank-evaluation";
import type { Actor } from "@/lib/server/actor";
import { approveBankEvaluation } from "@/lib/server/evaluation/approve-evaluation";
import { evaluationOverview } from "@/lib/server/evaluation/evaluation-overview";
import { saveBankEvaluation } from "@/lib/server/evaluation/save-evaluation";
import { uploadSelfAssessment } from "@/lib/server/evaluation/upload-self-assessment";
import { auditActions, rejection } from "./admin-helpers";
import { activateProfile, makeActor, makeCounty, prisma, resetDb, type TestCounty } from "./fixtures";

const allMaxima = () =>
  Object.fromEntries(P_EVAL_SCORECARD.flatMap((c) => c.items.map((it) => [String(it.number), it.maxPoints])));

describe("bank evaluation (real PostgreSQL)", () => {
  let a: TestCounty;
  let maker: Actor;
  let checker: Actor;
  let bankId: string;

  beforeEach(async () => {
    await resetDb();
    a = await makeCounty("410101");
    await activateProfile(a.county.id);
    maker = await makeActor("county_officer", a.county.id);
    checker = await makeActor("county_officer", a.county.id);
    bankId = (await prisma.bank.create({ data: { countyId: a.county.id, name: "农业银行测试县支行" } })).id;
  });

  const input = (overrides: Record<string, unknown> = {}) => ({
    bankId, year: "2025", items: allMaxima(), structural: ["100", "100", "100"], item29Reason: "协助清收不良贷款成效显著", ...overrides,
  });

  it("all item maxima give indicator 100.00, and the total weighs in the structural mean (§15.9)", async () => {
    const saved = await saveBankEvaluation(maker, input({ structural: ["90", "80", "70"] }));
    expect(saved).toMatchObject({ indicator: "100.00", total: "98.00", grade: "好" });
    const row = await prisma.bankEvaluation.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.indicator.toFixed(2)).toBe("100.00");
    expect(row.total.toFixed(2)).toBe("98.00");
    expect(row.grade).toBe("好");
    expect(row.status).toBe("draft");
    expect(await auditActions(saved.id)).toEqual(["evaluation.create"]);
  });

  it("a hand-computed mixed case: categories scaled to their caps, rounded only at the end", async () => {
    // 一: (2.5+5)/10×5 = 3.75 (−1.25); 四: 50/60×30 = 25 (−5); 六: 5/15×3 = 2 (−1); 十: 10/20×10 = 5 (−5)
    // indicator = 100 − 12.25 = 87.75; total = 0.9×87.75 + 0.1×mean(0,30,0) = 78.975 + 1 = 79.975 → 79.98 → 较好
    const items = { ...allMaxima(), "1": "2.5", "10": "0", "18": "5", "29": "" };
    const saved = await saveBankEvaluation(maker, input({ items, structural: ["0", "30", "0"], item29Reason: "" }));
    expect(saved).toMatchObject({ indicator: "87.75", total: "79.98", grade: "较好" });
    const row = await prisma.bankEvaluation.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.total.toFixed(2)).toBe("79.98");
    expect((row.items as Record<string, string>)["29"]).toBeUndefined();

    const again = await saveBankEvaluation(maker, input({ items, structural: ["60", "75", "90"], item29Reason: "", version: saved.version }));
    expect(again).toMatchObject({ total: "86.48", grade: "好", version: 2 });
    const view = await evaluationOverview(maker, { year: 2025, bankId });
    expect(view.rows).toEqual([
      expect.objectContaining({ bankName: "农业银行测试县支行", evaluation: expect.objectContaining({ indicator: "87.75", total: "86.48", grade: "好", status: "draft" }) }),
    ]);
    expect(view.selected?.evaluation?.items["1"]).toBe("2.5");
  });

  it("refuses item 29 above 0 without a reason, and an item above its maximum, at their fields", async () => {
    const noReason = await rejection(saveBankEvaluation(maker, input({ item29Reason: "  " })));
    expect(noReason.fieldErrors?.item29Reason?.[0]).toContain("理由");
    const tooHigh = await rejection(saveBankEvaluation(maker, input({ items: { ...allMaxima(), "5": "6.5" } })));
    expect(tooHigh.fieldErrors?.["items.5"]?.[0]).toContain("0 至 6");
    const structural = await rejection(saveBankEvaluation(maker, input({ structural: ["100", "101", "0"] })));
    expect(structural.fieldErrors?.structural).toBeDefined();
    expect(await prisma.bankEvaluation.count()).toBe(0);
  });

  it("is approved by another county officer only, then locked; stale versions are refused", async () => {
    const saved = await saveBankEvaluation(maker, input());
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]);
    await uploadSelfAssessment(maker, { id: saved.id, fileName: "自评报告.pdf", data: pdf });
    const bad = await rejection(uploadSelfAssessment(maker, { id: saved.id, fileName: "x.exe", data: new Uint8Array([0x4d, 0x5a, 0]) }));
    expect(bad.fieldErrors?.file).toBeDefined();

    const self = await rejection(approveBankEvaluation(maker, { id: saved.id, version: 2 }));
    expect(self.code).toBe("RULE_VIOLATION");
    const stale = await rejection(approveBankEvaluation(checker, { id: saved.id, version: 1 }));
    expect(stale.code).toBe("CONFLICT");
    // A checker who edited the evaluation becomes a maker.
    const editor = await makeActor("county_officer", a.county.id);
    const edited = await saveBankEvaluation(editor, input({ version: 2 }));
    expect((await rejection(approveBankEvaluation(editor, { id: saved.id, version: edited.version }))).code).toBe("RULE_VIOLATION");

    await approveBankEvaluation(checker, { id: saved.id, version: edited.version });
    const row = await prisma.bankEvaluation.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row).toMatchObject({ status: "approved", approvedById: checker.userId, selfAssessmentName: "自评报告.pdf" });

    expect((await rejection(saveBankEvaluation(maker, input({ structural: ["50", "50", "50"] })))).code).toBe("CONFLICT");
    expect((await rejection(uploadSelfAssessment(maker, { id: saved.id, fileName: "b.pdf", data: pdf }))).code).toBe("CONFLICT");
    expect((await rejection(approveBankEvaluation(checker, { id: saved.id, version: row.version }))).code).toBe("CONFLICT");
    expect((await prisma.bankEvaluation.findUniqueOrThrow({ where: { id: saved.id } })).total.toFixed(2)).toBe("100.00");
    expect(await auditActions(saved.id)).toEqual(["evaluation.create", "evaluation.uploadSelfAssessment", "evaluation.update", "evaluation.approve"]);
  });

  it("an officer of another county gets NOT_FOUND; auditors read; other roles are refused", async () => {
    const saved = await saveBankEvaluation(maker, input());
    const b = await makeCounty("420202");
    const foreign = await makeActor("county_officer", b.county.id);
    expect((await rejection(saveBankEvaluation(foreign, input()))).code).toBe("NOT_FOUND");
    expect((await rejection(approveBankEvaluation(foreign, { id: saved.id, version: 1 }))).code).toBe("NOT_FOUND");
    expect((await rejection(uploadSelfAssessment(foreign, { id: saved.id, fileName: "a.pdf", data: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]) }))).code).toBe("NOT_FOUND");
    expect((await evaluationOverview(foreign, { year: 2025 })).rows).toEqual([]);

    const auditor = await makeActor("auditor", a.county.id);
    expect((await evaluationOverview(auditor, { year: 2025 })).rows[0].evaluation?.total).toBe("100.00");
    expect((await rejection(saveBankEvaluation(auditor, input()))).code).toBe("FORBIDDEN");
    const bankOfficer = await makeActor("bank_officer", a.county.id);
    expect((await rejection(evaluationOverview(bankOfficer, { year: 2025 }))).code).toBe("FORBIDDEN");
  });
});

describe("bank evaluation with the county's own weights (real PostgreSQL)", () => {
  it("computes the total and grade with the active profile's evaluation settings", async () => {
    await resetDb();
    const a = await makeCounty("410102");
    await activateProfile(a.county.id, (s) => {
      s.evaluation = { indicatorWeight: "0.8", structuralWeight: "0.2", gradeGoodMin: 95, gradeFairMin: 80, gradeAverageMin: 60 };
    });
    const officer = await makeActor("county_officer", a.county.id);
    const bank = await prisma.bank.create({ data: { countyId: a.county.id, name: "测试银行" } });
    const saved = await saveBankEvaluation(officer, {
      bankId: bank.id, year: 2025, items: allMaxima(), structural: ["70", "70", "70"], item29Reason: "理由",
    });
    expect(saved).toMatchObject({ indicator: "100.00", total: "94.00", grade: "较好" });
    expect((await evaluationOverview(officer, { year: 2025, bankId: bank.id })).rules.weights).toEqual({ indicator: "0.8", structural: "0.2" });
  });
});
