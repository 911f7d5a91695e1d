/**
 * The Prisma side of personal-data encryption (see ./pii.ts): a client extension on the
 * Household model, so use cases keep reading and writing plain ID numbers and phone numbers.
 *
 * - Writes (create, createMany, update, updateMany, upsert): `idNumber` and `phone` are stored
 *   encrypted and `idNumberHash` is filled from the ID number.
 * - Filters: `idNumber: x`, `{ equals | in | notIn | not }` become the same filter on
 *   `idNumberHash`. Anything else on an encrypted column (contains, endsWith, ordering…) cannot
 *   work on ciphertext and throws, so such a query fails in the tests instead of matching nothing.
 * - Results: `idNumber` and `phone` come back decrypted.
 *
 * Raw SQL bypasses all this; a CHECK constraint (migration household_pii) refuses plaintext.
 * No `server-only`: the seed encrypts its rows with `encryptHouseholdData`.
 */
import { Prisma } from "@/generated/prisma/client";
import { decryptPii, encryptPii, type PiiField, type PiiKeys, piiHash, piiKeysFromEnv } from "./pii";

type Keys = () => PiiKeys;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function encryptValue(keys: Keys, field: PiiField, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === "string") return encryptPii(keys(), field, value);
  if (isObj(value) && Object.keys(value).length === 1 && "set" in value) return { set: encryptValue(keys, field, value.set) };
  throw new Error(`Household.${field} is encrypted: it can only be set to a value`);
}

function hashValue(keys: Keys, value: unknown): unknown {
  if (typeof value === "string") return piiHash(keys(), "idNumber", value);
  if (isObj(value) && Object.keys(value).length === 1 && typeof value.set === "string") return { set: piiHash(keys(), "idNumber", value.set) };
  throw new Error("Household.idNumber is encrypted: it can only be set to a value");
}

/** One Household data object (create or update) with its personal fields encrypted and the hash filled. */
export function encryptHouseholdData<T extends Obj>(data: T, keys: Keys = piiKeysFromEnv): T {
  const out: Obj = { ...data };
  if ("idNumberHash" in data) throw new Error("Household.idNumberHash is derived from idNumber: do not set it");
  if (data.idNumber !== undefined) {
    out.idNumber = encryptValue(keys, "idNumber", data.idNumber);
    out.idNumberHash = hashValue(keys, data.idNumber);
  }
  if (data.phone !== undefined) out.phone = encryptValue(keys, "phone", data.phone);
  return out as T;
}

const EXACT = new Set(["equals", "in", "notIn", "not"]);

function hashFilter(keys: Keys, filter: unknown): unknown {
  if (filter === null || filter === undefined) return filter;
  if (typeof filter === "string") return piiHash(keys(), "idNumber", filter);
  if (Array.isArray(filter)) return filter.map((v) => hashFilter(keys, v));
  if (isObj(filter)) {
    const out: Obj = {};
    for (const [op, v] of Object.entries(filter)) {
      if (!EXACT.has(op)) throw new Error(`Household.idNumber is encrypted: only exact matches can be queried (not "${op}")`);
      out[op] = hashFilter(keys, v);
    }
    return out;
  }
  throw new Error("Household.idNumber is encrypted: only exact matches can be queried");
}

/** A phone filter can only ask whether there is a phone number at all. */
function checkPhoneFilter(filter: unknown) {
  const nullOnly = (v: unknown) => v === null || (isObj(v) && Object.entries(v).every(([op, x]) => (op === "equals" || op === "not") && x === null));
  if (!nullOnly(filter)) throw new Error("Household.phone is encrypted: it cannot be searched, only tested for null");
}

function rewriteWhere(keys: Keys, where: unknown): unknown {
  if (Array.isArray(where)) return where.map((w) => rewriteWhere(keys, w));
  if (!isObj(where)) return where;
  const out: Obj = {};
  for (const [key, value] of Object.entries(where)) {
    if (key === "AND" || key === "OR" || key === "NOT") out[key] = rewriteWhere(keys, value);
    else if (key === "idNumber") {
      if ("idNumberHash" in where) throw new Error("Household: filter on idNumber or idNumberHash, not both");
      out.idNumberHash = hashFilter(keys, value);
    } else if (key === "phone") {
      checkPhoneFilter(value);
      out.phone = value;
    } else out[key] = value;
  }
  return out;
}

const ENCRYPTED = ["idNumber", "phone", "idNumberHash"];

/** Sorting, grouping or distinct on ciphertext (a fresh IV per value) would silently mean nothing. */
function checkOrdering(args: Obj) {
  for (const o of [args.orderBy].flat()) {
    if (isObj(o) && ENCRYPTED.some((f) => f in o)) throw new Error("Household: encrypted columns cannot be sorted on");
  }
  for (const f of [args.distinct, args.by].flat()) {
    if (typeof f === "string" && ENCRYPTED.includes(f)) throw new Error("Household: encrypted columns cannot be grouped on");
  }
}

/** The arguments of any Household operation, with personal data as it is stored. */
export function protectHouseholdArgs(args: unknown, keys: Keys = piiKeysFromEnv): unknown {
  if (!isObj(args)) return args;
  const out: Obj = { ...args };
  if ("where" in args) out.where = rewriteWhere(keys, args.where);
  checkOrdering(args);
  if (isObj(args.data)) out.data = encryptHouseholdData(args.data, keys);
  else if (Array.isArray(args.data)) out.data = args.data.map((d: Obj) => encryptHouseholdData(d, keys));
  if (isObj(args.create)) out.create = encryptHouseholdData(args.create, keys);
  if (isObj(args.update)) out.update = encryptHouseholdData(args.update, keys);
  return out;
}

function decryptRow(keys: Keys, row: unknown): unknown {
  if (!isObj(row)) return row;
  if (typeof row.idNumber === "string") row.idNumber = decryptPii(keys(), "idNumber", row.idNumber);
  if (typeof row.phone === "string") row.phone = decryptPii(keys(), "phone", row.phone);
  return row;
}

/** Query results with personal data in the clear (rows are decrypted in place). */
export function revealHouseholdResult<R>(result: R, keys: Keys = piiKeysFromEnv): R {
  if (Array.isArray(result)) result.forEach((row) => decryptRow(keys, row));
  else decryptRow(keys, result);
  return result;
}

/** The key is read on first need only: `next build` and jobs that never touch personal data run without one. */
export const householdPii = Prisma.defineExtension({
  name: "household-pii",
  query: {
    household: {
      async $allOperations({ args, query }) {
        const result = await query(protectHouseholdArgs(args) as typeof args);
        return revealHouseholdResult(result);
      },
    },
  },
});
