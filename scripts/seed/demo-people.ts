import { idCheckChar } from "@/lib/domain/identity";
import type { Rng } from "./random";

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const GIVEN_MALE = ["建国", "建军", "国强", "志强", "卫东", "红旗", "海军", "永刚", "德明", "金山", "玉林", "保国", "春生", "长江", "福贵", "双喜", "新民", "振华", "学文", "铁柱", "宝山", "庆丰", "满仓", "继红"];
const GIVEN_FEMALE = ["秀英", "桂英", "玉兰", "秀兰", "凤英", "桂兰", "淑珍", "春梅", "海燕", "丽娟", "翠花", "小红", "红霞", "金凤", "玉梅", "彩霞", "秀芳", "月娥", "爱华", "素珍"];

export function chineseName(r: Rng, gender: "M" | "F"): string {
  return r.pick([...SURNAMES]) + r.pick(gender === "M" ? GIVEN_MALE : GIVEN_FEMALE);
}

/** A valid GB 11643 number for the area code: birth date and sequence from the PRNG. */
export function idNumber(r: Rng, areaCode: string, gender: "M" | "F", sequence: number): string {
  const year = r.int(1952, 2000);
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  const seq2 = String(sequence % 100).padStart(2, "0");
  const genderDigit = gender === "M" ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]);
  const first17 = `${areaCode}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${seq2}${genderDigit}`;
  return first17 + idCheckChar(first17);
}

export function mobile(r: Rng): string {
  return `1${r.pick(["3", "5", "7", "8", "9"])}${String(r.int(0, 999_999_999)).padStart(9, "0")}`;
}
