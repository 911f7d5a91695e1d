import "server-only";
import { queryRows, statement } from "../sql";

/**
 * A small in-process cache of computed dashboard overviews, checked against the data's version on
 * every read, so that it never hands out a figure older than the last committed write.
 *
 * The version of a county's data is its audit chain head (table "AuditChainHead", kept by the
 * audit_chain trigger): every state change writes an audit row in the same transaction as the
 * change, from any process (portal, `npm run jobs`, scripts going through the use cases), and that
 * row moves its county's head. Reading the head is one primary-key lookup, against the ~100 ms
 * of the overview's queries on a large province.
 *
 * What the version covers (see versionOf): the county's chain and the chain of rows without a
 * county ("-": actions of a county-less actor), or every chain for a cross-county overview. What
 * it cannot see is a write that leaves no audit row — raw SQL, a bulk load by a script. Those are
 * outside the portal's rules (every mutation is audited, use-case.ts) and show up after the
 * county's next audited write or on the next business date (the date is part of the key).
 */

type Entry<V> = { version: string; promise: Promise<V> };

const MAX_ENTRIES = 256;

/**
 * Kept on globalThis like the Prisma client (db.ts): the built app may load this module in more
 * than one bundle, and every copy must share the one cache.
 */
const globalForCache = globalThis as unknown as { dashboardOverviewCache?: Map<string, Entry<unknown>> };
const entries = (globalForCache.dashboardOverviewCache ??= new Map<string, Entry<unknown>>());

/**
 * The data version an overview of `countyId` (null: every county) depends on: the audit chain
 * heads as one opaque string. It changes whenever an audited write of that county (or one
 * without a county) commits.
 */
export async function versionOf(countyId: string | null): Promise<string> {
  const [row] = countyId === null ? await queryRows<{ v: string | null }>(ALL_CHAINS, []) : await queryRows<{ v: string | null }>(COUNTY_CHAINS, [countyId]);
  return row?.v ?? "empty";
}

// Read on every dashboard request: prepared statements (../sql.ts).
const HEADS = `SELECT md5(string_agg(chain || ':' || seq::text || ':' || hash, ',' ORDER BY chain)) AS v FROM "AuditChainHead"`;
const ALL_CHAINS = statement(HEADS);
const COUNTY_CHAINS = statement(`${HEADS} WHERE chain IN ($1, '-')`);

/**
 * The value cached under `key` if it was computed at `version`, else `compute()` stored under
 * both. Callers asking for the same key and version while it is being computed share the one
 * computation; a failed computation is dropped, so the next caller tries again.
 *
 * `key` must hold everything the value depends on besides the data (who asks, with what scope,
 * for which area, on which business date): the cache never checks access itself — callers
 * authorise before they come here.
 */
export function cached<V>(key: string, version: string, compute: () => Promise<V>): Promise<V> {
  const hit = entries.get(key) as Entry<V> | undefined;
  if (hit && hit.version === version) {
    // Least recently used first: a hit moves to the end of the Map's order.
    entries.delete(key);
    entries.set(key, hit);
    return hit.promise;
  }
  const entry: Entry<V> = { version, promise: compute().then(deepFreeze) };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entry.promise.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry.promise;
}

/** Drops every cached overview (the bench times the computation, not a hit). */
export function forgetCachedOverviews(): void {
  entries.clear();
}

/** How many overviews are held (for tests of the bound). */
export function cachedCount(): number {
  return entries.size;
}

export const OVERVIEW_CACHE_SIZE = MAX_ENTRIES;

/** One value is handed to many requests: none of them may change it for the others. */
function deepFreeze<V>(value: V): V {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
