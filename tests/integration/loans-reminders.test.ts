import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/actor";
import { AppError } from "@/lib/server/errors";
import { runDailyJob } from "@/lib/server/jobs/daily";
import { listReminders } from "@/lib/server/loans/list-reminders";
import { markReminderDelivered } from "@/lib/server/loans/mark-reminder-delivered";
import { activateProfile, makeActor, makeCounty, resetDb, setNow, type TestCounty } from "./fixtures";
import { makeBank, makeLoan } from "./loans-fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("reminders (real PostgreSQL)", () => {
  let c: TestCounty;
  let bank: { bankId: string; officer: Actor };
  let other: { bankId: string; officer: Actor };

  beforeEach(async () => {
    await resetDb();
    c = await makeCounty("410101");
    await activateProfile(c.county.id);
    bank = await makeBank(c);
    other = await makeBank(c, "另一家银行");
  });
  afterEach(() => setNow(null));

  it("lists reminders by township and bank, with what is due; delivery is recorded once", async () => {
    await makeLoan({ c, bankId: bank.bankId, principal: "10000.00", schedule: [{ dueDate: "2026-10-21", principal: "10000.00", interest: "111.11" }] });
    await makeLoan({ c, bankId: other.bankId, principal: "5000.00", schedule: [{ dueDate: "2026-10-21", principal: "5000.00", interest: "55.56" }], village: { township: 1, village: 0 } });
    setNow("2026-09-21T02:00:00Z");
    await runDailyJob("2026-09-21");
    const township1 = await makeActor("township_officer", c.townships[0].id);
    const county = await makeActor("county_officer", c.county.id);

    expect((await listReminders(county, {})).length).toBe(4);
    const mine = await listReminders(township1, { kind: "writtenNotice" });
    expect(mine.map((r) => [r.kind, r.dueDate, r.totalDue, r.principalDue, r.interestDue])).toEqual([["writtenNotice", "2026-10-21", "10111.11", "10000.00", "111.11"]]);
    expect((await listReminders(other.officer, {})).map((r) => r.totalDue)).toEqual(["5055.56", "5055.56"]);

    expect((await rejection(markReminderDelivered(other.officer, { id: mine[0].id }))).code).toBe("NOT_FOUND");
    await markReminderDelivered(township1, { id: mine[0].id });
    expect((await rejection(markReminderDelivered(bank.officer, { id: mine[0].id }))).code).toBe("CONFLICT");
    expect(await listReminders(township1, { kind: "writtenNotice" })).toEqual([]);
    expect((await listReminders(township1, { kind: "writtenNotice", delivered: "yes" }))[0].delivered).toBe(true);
  });
});
