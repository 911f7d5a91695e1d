import "server-only";
import { z } from "zod";
import { D } from "@/lib/domain/decimal";
import { LOAN_PURPOSE_LABELS } from "@/lib/domain/eligibility";
import { maskIdCard } from "@/lib/domain/identity";
import type { Actor } from "../actor";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { areaScope } from "../scope";
import { defineQuery } from "../use-case";
import { applicationNumber, publicityNumber } from "./application-number";

export const NOTICE_TITLE = "扶贫小额信贷申请公示";

export type PublicityNoticeRow = {
  number: string;
  /** 户主姓名 (an enterprise or cooperative: its name). */
  name: string;
  /** Masked: a public notice never shows a full ID number. */
  idNumber: string;
  /** Decimal string with two places, e.g. "50000.00". */
  amount: string;
  termMonths: number;
  purpose: string;
};

export type PublicityNoticeVillage = {
  /** The village, or the township for enterprise applications with no village. */
  unitId: string;
  township: string;
  village: string;
  rows: PublicityNoticeRow[];
  totalAmount: string;
};

export type PublicityNotice = {
  id: string;
  number: string;
  title: string;
  /** YYYY-MM-DD: the period runs from openedOn to endsOn (its last day). */
  openedOn: string;
  endsOn: string;
  objectionContact: string;
  issuingUnit: string;
  /** The notice's date: the day the round was opened. */
  issuedOn: string;
  villages: PublicityNoticeVillage[];
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The 公示 notice of a round, one per village, with what the actor may see: a village cadre
 * their own village, a township officer the villages of their township, county staff and
 * auditors every village of the round; a round with none of theirs is "not found".
 */
export async function loadPublicityNotice(tx: Tx, actor: Actor, id: string): Promise<PublicityNotice> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.notFound("公示");
  const round = await tx.publicityRound.findUnique({ where: { id } });
  const scope = areaScope(actor);
  if (!round || (scope.countyId && round.countyId !== scope.countyId)) throw AppError.notFound("公示");
  if (actor.role === "township_officer" && round.townshipId && round.townshipId !== actor.townshipId) throw AppError.notFound("公示");
  const apps = await tx.application.findMany({
    where: { publicityRoundId: round.id, ...scope },
    orderBy: { serial: "asc" },
  });
  if (apps.length === 0) throw AppError.notFound("公示");

  const [units, households, enterprises] = await Promise.all([
    tx.orgUnit.findMany({
      where: { id: { in: [...new Set(apps.flatMap((a) => [a.townshipId, ...(a.villageId ? [a.villageId] : [])]))] } },
      select: { id: true, name: true, code: true },
    }),
    tx.household.findMany({
      where: { id: { in: apps.flatMap((a) => (a.householdId ? [a.householdId] : [])) } },
      select: { id: true, headName: true, idNumber: true },
    }),
    tx.enterprise.findMany({
      where: { id: { in: apps.flatMap((a) => (a.enterpriseId ? [a.enterpriseId] : [])) } },
      select: { id: true, name: true, creditCode: true },
    }),
  ]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const householdOf = new Map(households.map((h) => [h.id, h]));
  const enterpriseOf = new Map(enterprises.map((e) => [e.id, e]));

  const groups = new Map<string, { code: string; village: PublicityNoticeVillage }>();
  for (const app of apps) {
    const unitId = app.villageId ?? app.townshipId;
    let group = groups.get(unitId);
    if (!group) {
      const township = unitOf.get(app.townshipId)?.name ?? "";
      const village = app.villageId ? (unitOf.get(app.villageId)?.name ?? "") : "";
      group = { code: unitOf.get(unitId)?.code ?? "", village: { unitId, township, village, rows: [], totalAmount: "0" } };
      groups.set(unitId, group);
    }
    const household = app.householdId ? householdOf.get(app.householdId) : undefined;
    const enterprise = app.enterpriseId ? enterpriseOf.get(app.enterpriseId) : undefined;
    group.village.rows.push({
      number: applicationNumber(app.serial),
      name: household?.headName ?? enterprise?.name ?? "",
      // 统一社会信用代码 is public registry data; a person's ID number is masked.
      idNumber: household ? maskIdCard(household.idNumber) : (enterprise?.creditCode ?? ""),
      amount: app.amount.toFixed(2),
      termMonths: app.termMonths,
      purpose: (LOAN_PURPOSE_LABELS as Record<string, string>)[app.purpose] ?? app.purpose,
    });
    group.village.totalAmount = new D(group.village.totalAmount).plus(app.amount.toString()).toFixed(2);
  }

  return {
    id: round.id,
    number: publicityNumber(round.serial),
    title: NOTICE_TITLE,
    openedOn: iso(round.openedOn),
    endsOn: iso(round.endsOn),
    objectionContact: round.objectionContact,
    issuingUnit: round.issuingUnit,
    issuedOn: iso(round.openedOn),
    villages: [...groups.values()].sort((a, b) => a.code.localeCompare(b.code)).map((g) => g.village),
  };
}

export const PUBLICITY_NOTICE_ROLES = ["village_cadre", "township_officer", "county_officer", "auditor"] as const;

/** The printable A4 notice of a 公示 round, per village (issue 4, step 4). */
export const getPublicityNotice = defineQuery({
  name: "publicity.notice",
  roles: PUBLICITY_NOTICE_ROLES,
  input: z.object({ id: z.string() }),
  run: ({ actor, input, tx }) => loadPublicityNotice(tx, actor, input.id),
});

/** "2026-03-02" → "2026年3月2日", as notices are dated. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map((p) => Number.parseInt(p, 10));
  return `${y}年${m}月${d}日`;
}

/** The wording of one village's notice, shared by the printable page and the PDF. */
export function noticeText(notice: PublicityNotice, v: PublicityNoticeVillage) {
  const place = `${v.township}${v.village}`;
  return {
    heading: place,
    intro: v.village
      ? `经农户本人申请、村级金融扶贫服务部推荐、乡镇金融扶贫服务站审核，现将${place}以下 ${v.rows.length} 户申请扶贫小额信贷的情况予以公示，接受群众监督。`
      : `经乡镇金融扶贫服务站审核，现将${place}以下 ${v.rows.length} 件带贫主体扶贫小额信贷申请予以公示，接受群众监督。`,
    period: `公示期：${chineseDate(notice.openedOn)}至${chineseDate(notice.endsOn)}。`,
    objection: `公示期内如对公示对象有异议，请向${notice.objectionContact}反映。`,
    date: chineseDate(notice.issuedOn),
  };
}
