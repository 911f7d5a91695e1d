import "server-only";
import { z } from "zod";
import { isValidDate } from "@/lib/domain/calendar";
import { D } from "@/lib/domain/decimal";
import { AppError } from "../errors";
import { defineMutation } from "../use-case";
import { RATE_TERMS } from "./list-rate-fixings";

const input = z
  .object({
    kind: z.enum(["benchmark", "lpr"], { error: "请选择利率品种" }),
    term: z.string({ error: "请选择期限" }).trim().min(1, "请选择期限"),
    effectiveFrom: z.string({ error: "请填写生效日期" }).trim().min(1, "请填写生效日期").refine(isValidDate, "生效日期无效（应为 YYYY-MM-DD）"),
    rate: z
      .string({ error: "请填写利率" })
      .trim()
      .min(1, "请填写利率")
      .regex(/^\d+(\.\d{1,6})?$/, "利率须为小数形式（最多 6 位小数），如 0.0345 表示 3.45%")
      .refine((v) => !/^\d+(\.\d+)?$/.test(v) || (new D(v).greaterThan(0) && new D(v).lessThanOrEqualTo("0.2")), "利率须大于 0 且不超过 0.2（20%）"),
  })
  .superRefine((v, ctx) => {
    if (!(RATE_TERMS[v.kind] as readonly string[]).includes(v.term)) {
      ctx.addIssue({ code: "custom", path: ["term"], message: "该利率品种没有此期限" });
    }
  });

const duplicate = () => AppError.field("effectiveFrom", "该品种、期限在这一天已有利率");

/**
 * Adds a benchmark or LPR fixing (national: RateFixing has no county, so only admins add them,
 * and every addition is audited). Past fixings are never changed.
 */
export const addRateFixing = defineMutation({
  name: "rateFixing.add",
  roles: ["admin"],
  input,
  onUniqueViolation: () => duplicate(),
  async run({ input, tx, audit }) {
    const effectiveFrom = new Date(`${input.effectiveFrom}T00:00:00Z`);
    const existing = await tx.rateFixing.findUnique({
      where: { kind_term_effectiveFrom: { kind: input.kind, term: input.term, effectiveFrom } },
    });
    if (existing) throw duplicate();
    const row = await tx.rateFixing.create({ data: { kind: input.kind, term: input.term, effectiveFrom, rate: input.rate } });
    await audit({ action: "rateFixing.add", entity: "RateFixing", entityId: row.id, after: input });
    return { id: row.id };
  },
});
