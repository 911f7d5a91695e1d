import { afterEach, describe, expect, it } from "vitest";
import {
  decryptPii,
  encryptPii,
  generatePiiKey,
  isEncryptedPii,
  PiiError,
  parsePiiKey,
  piiHash,
  piiKeysFromEnv,
} from "@/lib/server/pii";
import { encryptHouseholdData, protectHouseholdArgs, revealHouseholdResult } from "@/lib/server/pii-prisma";

const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("base64");
const a = parsePiiKey(KEY_A);
const b = parsePiiKey(KEY_B);
const ID = "11010519491231002X";

/** The stored text with one byte of its part `index` (1 iv, 2 tag, 3 ciphertext) flipped. */
function flip(stored: string, index: number): string {
  const parts = stored.split(":");
  const bytes = Buffer.from(parts[index], "base64");
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString("base64");
  return parts.join(":");
}

describe("encryptPii / decryptPii (AES-256-GCM)", () => {
  it("round-trips ID numbers, phone numbers, Chinese text and the empty string", () => {
    for (const value of [ID, "13800138000", "张三 一组5号", ""]) {
      const stored = encryptPii(a, "idNumber", value);
      expect(decryptPii(a, "idNumber", stored)).toBe(value);
    }
  });

  it("stores the versioned format with no trace of the value, and a fresh IV each time", () => {
    const one = encryptPii(a, "idNumber", ID);
    const two = encryptPii(a, "idNumber", ID);
    expect(one).toMatch(/^v1:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
    expect(one).not.toBe(two);
    expect(one).not.toContain("1101");
    expect(isEncryptedPii(one)).toBe(true);
    expect(isEncryptedPii(ID)).toBe(false);
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const stored = encryptPii(a, "phone", "13800138000");
    for (const part of [1, 2, 3]) {
      expect(() => decryptPii(a, "phone", flip(stored, part))).toThrow(PiiError);
    }
  });

  it("fails with another key, or when the value is read as another field", () => {
    const stored = encryptPii(a, "idNumber", ID);
    expect(() => decryptPii(b, "idNumber", stored)).toThrow(/another PII_KEY, or the stored value was altered/);
    expect(() => decryptPii(a, "phone", stored)).toThrow(PiiError);
  });

  it("refuses plaintext and malformed text, never repeating the value in the error", () => {
    for (const text of [ID, "v1:abc", "v2:a:b:c", `v1::${Buffer.alloc(16).toString("base64")}:AAAA`]) {
      let message = "";
      try {
        decryptPii(a, "idNumber", text);
      } catch (error) {
        expect(error).toBeInstanceOf(PiiError);
        message = (error as Error).message;
      }
      expect(message).toContain("not an encrypted value");
      expect(message).not.toContain(ID);
    }
  });
});

describe("piiHash (HMAC-SHA256, for exact lookups)", () => {
  it("is deterministic and 43 base64url characters", () => {
    expect(piiHash(a, "idNumber", ID)).toBe(piiHash(a, "idNumber", ID));
    expect(piiHash(a, "idNumber", ID)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("is keyed: another key gives another hash; and separated by field", () => {
    expect(piiHash(b, "idNumber", ID)).not.toBe(piiHash(a, "idNumber", ID));
    expect(piiHash(a, "phone", "13800138000")).not.toBe(piiHash(a, "idNumber", "13800138000"));
  });

  it("compares ID numbers as the form stores them: a lower-case x and surrounding spaces match", () => {
    expect(piiHash(a, "idNumber", " 11010519491231002x ")).toBe(piiHash(a, "idNumber", ID));
    expect(piiHash(a, "idNumber", "110105194912310021")).not.toBe(piiHash(a, "idNumber", ID));
  });
});

describe("the key", () => {
  const saved = process.env.PII_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.PII_KEY;
    else process.env.PII_KEY = saved;
  });

  it("must be 32 bytes of base64 (or base64url); a generated key is", () => {
    expect(() => parsePiiKey(Buffer.alloc(16).toString("base64"))).toThrow(/32 random bytes/);
    expect(() => parsePiiKey("not a key at all, just some words here....")).toThrow(/32 random bytes/);
    expect(() => parsePiiKey("")).toThrow(/32 random bytes/);
    const url = Buffer.alloc(32, 0xfb).toString("base64url");
    expect(decryptPii(parsePiiKey(url), "phone", encryptPii(parsePiiKey(Buffer.alloc(32, 0xfb).toString("base64")), "phone", "1"))).toBe("1");
    const generated = generatePiiKey();
    expect(Buffer.from(generated, "base64")).toHaveLength(32);
    expect(generatePiiKey()).not.toBe(generated);
  });

  it("comes from PII_KEY, with no fallback when it is missing", () => {
    delete process.env.PII_KEY;
    expect(() => piiKeysFromEnv()).toThrow(/PII_KEY is not set/);
    process.env.PII_KEY = KEY_A;
    expect(decryptPii(a, "idNumber", encryptPii(piiKeysFromEnv(), "idNumber", ID))).toBe(ID);
    process.env.PII_KEY = KEY_B;
    expect(() => decryptPii(a, "idNumber", encryptPii(piiKeysFromEnv(), "idNumber", ID))).toThrow(PiiError);
  });
});

describe("the Household extension's rewriting (lib/server/pii-prisma.ts)", () => {
  const keys = () => a;
  const hash = piiHash(a, "idNumber", ID);

  it("encrypts create and update data and fills the hash; leaves other fields and absent ones alone", () => {
    const data = encryptHouseholdData({ headName: "张三", idNumber: ID, phone: "13800138000" }, keys);
    expect(data.headName).toBe("张三");
    expect(decryptPii(a, "idNumber", data.idNumber)).toBe(ID);
    expect(decryptPii(a, "phone", data.phone)).toBe("13800138000");
    expect((data as Record<string, unknown>).idNumberHash).toBe(hash);
    expect(encryptHouseholdData({ headName: "李四" }, keys)).toEqual({ headName: "李四" });
    expect(encryptHouseholdData({ phone: null }, keys)).toEqual({ phone: null });
    const set = encryptHouseholdData({ idNumber: { set: ID }, phone: { set: null } }, keys) as Record<string, { set: unknown }>;
    expect(decryptPii(a, "idNumber", set.idNumber.set as string)).toBe(ID);
    expect(set.idNumberHash).toEqual({ set: hash });
    expect(set.phone).toEqual({ set: null });
  });

  it("refuses to set the hash directly", () => {
    expect(() => encryptHouseholdData({ idNumberHash: "x" }, keys)).toThrow(/derived from idNumber/);
  });

  it("encrypts every row of createMany and both halves of an upsert", () => {
    const many = protectHouseholdArgs({ data: [{ idNumber: ID }, { idNumber: ID, phone: "1" }] }, keys) as { data: Record<string, string>[] };
    expect(many.data.map((d) => d.idNumberHash)).toEqual([hash, hash]);
    expect(isEncryptedPii(many.data[1].phone)).toBe(true);
    const upsert = protectHouseholdArgs({ where: { id: "x" }, create: { idNumber: ID }, update: { phone: "2" } }, keys) as Record<string, Record<string, string>>;
    expect(upsert.create.idNumberHash).toBe(hash);
    expect(isEncryptedPii(upsert.update.phone)).toBe(true);
  });

  it("turns exact ID-number filters, nested in AND/OR/NOT too, into filters on the hash", () => {
    expect(protectHouseholdArgs({ where: { countyId: "c", idNumber: ID } }, keys)).toEqual({ where: { countyId: "c", idNumberHash: hash } });
    expect(protectHouseholdArgs({ where: { OR: [{ idNumber: { in: [ID] } }, { headName: { contains: "王" } }] } }, keys)).toEqual({
      where: { OR: [{ idNumberHash: { in: [hash] } }, { headName: { contains: "王" } }] },
    });
    expect(protectHouseholdArgs({ where: { NOT: { idNumber: { equals: ID } }, AND: [{ idNumber: { not: ID } }] } }, keys)).toEqual({
      where: { NOT: { idNumberHash: { equals: hash } }, AND: [{ idNumberHash: { not: hash } }] },
    });
    expect(protectHouseholdArgs({ where: { phone: null } }, keys)).toEqual({ where: { phone: null } });
    expect(protectHouseholdArgs({ where: { phone: { not: null } } }, keys)).toEqual({ where: { phone: { not: null } } });
  });

  it("refuses what cannot work on ciphertext: partial matches, phone searches, sorting", () => {
    expect(() => protectHouseholdArgs({ where: { idNumber: { endsWith: "002X" } } }, keys)).toThrow(/only exact matches/);
    expect(() => protectHouseholdArgs({ where: { OR: [{ idNumber: { contains: "1949" } }] } }, keys)).toThrow(/only exact matches/);
    expect(() => protectHouseholdArgs({ where: { phone: "13800138000" } }, keys)).toThrow(/cannot be searched/);
    expect(() => protectHouseholdArgs({ orderBy: [{ headName: "asc" }, { idNumber: "asc" }] }, keys)).toThrow(/cannot be sorted/);
    expect(() => protectHouseholdArgs({ distinct: ["phone"] }, keys)).toThrow(/cannot be grouped/);
    expect(() => protectHouseholdArgs({ by: ["villageId", "idNumber"] }, keys)).toThrow(/cannot be grouped/);
    expect(protectHouseholdArgs({ by: ["villageId"], orderBy: { villageId: "asc" } }, keys)).toEqual({ by: ["villageId"], orderBy: { villageId: "asc" } });
    expect(() => protectHouseholdArgs({ data: { idNumber: { increment: 1 } } }, keys)).toThrow(/can only be set/);
  });

  it("decrypts results, single rows and lists, and leaves counts and selections without the fields alone", () => {
    const row = { id: "h", idNumber: encryptPii(a, "idNumber", ID), phone: encryptPii(a, "phone", "13800138000") };
    expect(revealHouseholdResult({ ...row }, keys)).toEqual({ id: "h", idNumber: ID, phone: "13800138000" });
    expect(revealHouseholdResult([{ ...row, phone: null }], keys)).toEqual([{ id: "h", idNumber: ID, phone: null }]);
    expect(revealHouseholdResult(3, keys)).toBe(3);
    expect(revealHouseholdResult(null, keys)).toBe(null);
    expect(revealHouseholdResult([{ id: "h", headName: "张三" }], keys)).toEqual([{ id: "h", headName: "张三" }]);
  });
});
