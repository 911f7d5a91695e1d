import { describe, expect, it } from "vitest";
import * as facade from "@/lib/domain";
import { DomainError } from "@/lib/domain/errors";

/** Calls go through JSON, as the calculator page and outside checks send them. */
function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Results must survive JSON unchanged: strings, numbers and booleans only. */
function roundTrips(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
}

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof facade.DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("lib/domain facade", () => {
  it("CONTRACT: exports exactly the contract's names", () => {
    expect(Object.keys(facade).sort()).toEqual(
      [
        "DomainError",
        "addWorkingDays",
        "allocateByRatio",
        "bankEvaluation",
        "checkHouseholdLoan",
        "circuitBreaker",
        "defaultTimeline",
        "interestSubsidy",
        "isCreditArea",
        "riskSharingRatios",
        "validateIdCard",
      ].sort(),
    );
    for (const [name, value] of Object.entries(facade)) expect(typeof value, name).toBe("function");
    expect(facade.DomainError).toBe(DomainError);
  });

  it("CONTRACT: DomainError carries a stable code, a Chinese message and the field", () => {
    const e = thrown(() => facade.allocateByRatio("100", []));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("DomainError");
    expect(e.code).toBe("RATIOS_NOT_100");
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e.field).toBe("ratios");
  });

  it("CONTRACT allocateByRatio: strings in, two-decimal strings out, input order kept", () => {
    const input = json<{ amount: string; ratios: { party: string; ratio: string }[] }>(
      '{"amount":"1000.01","ratios":[{"party":"bank","ratio":"0.1"},{"party":"county_fund","ratio":"0.3"},{"party":"provincial_agri_guarantee","ratio":"0.4"},{"party":"provincial_guarantee_group","ratio":"0.2"}]}',
    );
    const result = facade.allocateByRatio(input.amount, input.ratios);
    // 100.001 → 100.00, 300.003 → 300.00, 400.004 → 400.00, 200.002 → 200.00; +0.01 to the 0.4 party
    expect(result).toEqual([
      { party: "bank", amount: "100.00" },
      { party: "county_fund", amount: "300.00" },
      { party: "provincial_agri_guarantee", amount: "400.01" },
      { party: "provincial_guarantee_group", amount: "200.00" },
    ]);
    roundTrips(result);
    expect(thrown(() => facade.allocateByRatio("1", json('[{"party":"a","ratio":"0.9"}]'))).code).toBe("RATIOS_NOT_100");
  });

  it("CONTRACT riskSharingRatios: ratio strings with four decimals; AGREEMENT_REQUIRED and RATIOS_NOT_100", () => {
    const result = facade.riskSharingRatios(json('{"scheme":"scheme2","borrowerClass":"household"}'));
    expect(result).toEqual([
      { party: "county_fund", ratio: "0.2000" },
      { party: "municipal_guarantee", ratio: "0.1000" },
      { party: "bank", ratio: "0.1000" },
      { party: "provincial_agri_guarantee", ratio: "0.4000" },
      { party: "provincial_guarantee_group", ratio: "0.2000" },
    ]);
    roundTrips(result);
    expect(thrown(() => facade.riskSharingRatios(json('{"scheme":"scheme1","borrowerClass":"nonagri_enterprise"}'))).code).toBe(
      "AGREEMENT_REQUIRED",
    );
    expect(
      thrown(() =>
        facade.riskSharingRatios(
          json('{"scheme":"scheme1","borrowerClass":"nonagri_enterprise","joint":[{"party":"provincial_guarantee_group","ratio":"0.4"}]}'),
        ),
      ).code,
    ).toBe("RATIOS_NOT_100");
    expect(
      facade.riskSharingRatios(
        json(
          '{"scheme":"scheme1","borrowerClass":"nonagri_enterprise","joint":[{"party":"provincial_guarantee_group","ratio":"0.4"},{"party":"county_guarantee","ratio":"0.1"}]}',
        ),
      ),
    ).toEqual([
      { party: "county_fund", ratio: "0.3000" },
      { party: "bank", ratio: "0.2000" },
      { party: "provincial_guarantee_group", ratio: "0.4000" },
      { party: "county_guarantee", ratio: "0.1000" },
    ]);
  });

  it("CONTRACT circuitBreaker: ratios as strings, township halts its villages, UNKNOWN_PARENT", () => {
    const result = facade.circuitBreaker(
      json(
        '{"rule":{"township":"0.05","village":"0.07","comparison":"gt"},"areas":[' +
          '{"id":"t1","level":"township","outstanding":"1000000","nonPerforming":"51200"},' +
          '{"id":"v1","level":"village","parentId":"t1","outstanding":"100000","nonPerforming":"7000"},' +
          '{"id":"t2","level":"township","outstanding":"0","nonPerforming":"0"},' +
          '{"id":"v2","level":"village","parentId":"t2","outstanding":"100000","nonPerforming":"7000.01"}]}',
      ),
    );
    expect(result).toEqual([
      { id: "t1", nplRatio: "0.0512", tripped: true, lendingHalted: true },
      { id: "v1", nplRatio: "0.0700", tripped: false, lendingHalted: true },
      { id: "t2", nplRatio: "0.0000", tripped: false, lendingHalted: false },
      { id: "v2", nplRatio: "0.0700", tripped: true, lendingHalted: true },
    ]);
    roundTrips(result);
    expect(
      thrown(() =>
        facade.circuitBreaker(
          json(
            '{"rule":{"township":"0.05","village":"0.07","comparison":"gte"},"areas":[{"id":"v","level":"village","parentId":"t9","outstanding":"1","nonPerforming":"0"}]}',
          ),
        ),
      ).code,
    ).toBe("UNKNOWN_PARENT");
  });

  it("CONTRACT addWorkingDays: counting starts the day after; weekends skip unless 调休; holidays skip", () => {
    const cal = json<facade.Calendar>('{"holidays":["2025-10-01","2025-10-02","2025-10-03","2025-10-06","2025-10-07","2025-10-08"],"workdays":["2025-09-28","2025-10-11"]}');
    expect(facade.addWorkingDays("2025-09-26", 1, cal)).toBe("2025-09-28");
    expect(facade.addWorkingDays("2025-09-30", 1, cal)).toBe("2025-10-09");
    expect(facade.addWorkingDays("2025-10-10", 1, cal)).toBe("2025-10-11");
    expect(thrown(() => facade.addWorkingDays("2025-02-29", 1, cal)).code).toBe("INVALID_DATE");
  });

  it("CONTRACT defaultTimeline: buffer end = due + 70 days, split deadline = + 10 working days", () => {
    const result = facade.defaultTimeline(
      json('{"dueDate":"2025-07-20","bufferDays":70,"splitWorkingDays":10,"calendar":{"holidays":["2025-10-01","2025-10-02","2025-10-03","2025-10-04","2025-10-05","2025-10-06","2025-10-07","2025-10-08"],"workdays":["2025-09-28","2025-10-11"]}}'),
    );
    expect(result).toEqual({ bufferEnds: "2025-09-28", splitDeadline: "2025-10-17" });
    roundTrips(result);
  });
});
