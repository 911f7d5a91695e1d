import { describe, expect, it } from "vitest";
import { distributeRecovery, lossToSplit, riskSharingRatios, splitLoss } from "@/lib/domain/risk-sharing";
import { POOR_COUNTY_SCHEMES, type SchemeEntry } from "@/lib/domain/reference/sharing-schemes";
import { D } from "@/lib/domain/decimal";
import { codeOf } from "./errors-helper";

describe("riskSharingRatios", () => {
  it("P-Imp 四(三) scheme 1 household: fund 30, bank 10, 省农信担保 40, 省担保集团 20", () => {
    expect(riskSharingRatios({ scheme: "scheme1", borrowerClass: "household" })).toEqual([
      { party: "county_fund", ratio: "0.3000" },
      { party: "bank", ratio: "0.1000" },
      { party: "provincial_agri_guarantee", ratio: "0.4000" },
      { party: "provincial_guarantee_group", ratio: "0.2000" },
    ]);
  });

  it("P-Imp 四(三) scheme 1 agricultural enterprise: 30 / 20 / 30 / 20", () => {
    expect(riskSharingRatios({ scheme: "scheme1", borrowerClass: "agri_enterprise" })).toEqual([
      { party: "county_fund", ratio: "0.3000" },
      { party: "bank", ratio: "0.2000" },
      { party: "provincial_agri_guarantee", ratio: "0.3000" },
      { party: "provincial_guarantee_group", ratio: "0.2000" },
    ]);
  });

  it("P-Imp 四(三) scheme 2 household: fund 20, municipal 10, bank 10, 省农信担保 40, 省担保集团 20", () => {
    expect(riskSharingRatios({ scheme: "scheme2", borrowerClass: "household" })).toEqual([
      { party: "county_fund", ratio: "0.2000" },
      { party: "municipal_guarantee", ratio: "0.1000" },
      { party: "bank", ratio: "0.1000" },
      { party: "provincial_agri_guarantee", ratio: "0.4000" },
      { party: "provincial_guarantee_group", ratio: "0.2000" },
    ]);
  });

  it("P-Imp 四(三) scheme 2 agricultural enterprise: 20 / 10 / 20 / 30 / 20", () => {
    expect(riskSharingRatios({ scheme: "scheme2", borrowerClass: "agri_enterprise" })).toEqual([
      { party: "county_fund", ratio: "0.2000" },
      { party: "municipal_guarantee", ratio: "0.1000" },
      { party: "bank", ratio: "0.2000" },
      { party: "provincial_agri_guarantee", ratio: "0.3000" },
      { party: "provincial_guarantee_group", ratio: "0.2000" },
    ]);
  });

  it("§15.2: every complete table in the reference data sums to exactly 100%", () => {
    for (const scheme of Object.values(POOR_COUNTY_SCHEMES)) {
      const entries: SchemeEntry[] = Object.values(scheme);
      for (const entry of entries) {
        const fixed = entry.fixed.reduce((sum, f) => sum.plus(f.ratio), new D(0));
        const joint = entry.joint ? new D(entry.joint.ratio) : new D(0);
        expect(fixed.plus(joint).equals(1)).toBe(true);
      }
    }
  });

  it("P-Imp 四(三) scheme 1 non-agricultural: fund 30, bank 20, then the joint 50 as agreed", () => {
    expect(
      riskSharingRatios({
        scheme: "scheme1",
        borrowerClass: "nonagri_enterprise",
        joint: [
          { party: "provincial_guarantee_group", ratio: "0.35" },
          { party: "county_guarantee", ratio: "0.15" },
        ],
      }),
    ).toEqual([
      { party: "county_fund", ratio: "0.3000" },
      { party: "bank", ratio: "0.2000" },
      { party: "provincial_guarantee_group", ratio: "0.3500" },
      { party: "county_guarantee", ratio: "0.1500" },
    ]);
  });

  it("P-Imp 四(三) scheme 2 non-agricultural: fund 20, bank 20, joint 60 among municipal, county agency, 省担保集团", () => {
    expect(
      riskSharingRatios({
        scheme: "scheme2",
        borrowerClass: "nonagri_enterprise",
        joint: [
          { party: "municipal_guarantee", ratio: "0.1" },
          { party: "county_guarantee", ratio: "0.2" },
          { party: "provincial_guarantee_group", ratio: "0.3" },
        ],
      }),
    ).toEqual([
      { party: "county_fund", ratio: "0.2000" },
      { party: "bank", ratio: "0.2000" },
      { party: "municipal_guarantee", ratio: "0.1000" },
      { party: "county_guarantee", ratio: "0.2000" },
      { party: "provincial_guarantee_group", ratio: "0.3000" },
    ]);
  });

  it("§15.2: ratios with more than four decimals are kept exactly", () => {
    const result = riskSharingRatios({
      scheme: "scheme1",
      borrowerClass: "nonagri_enterprise",
      joint: [
        { party: "provincial_guarantee_group", ratio: "0.33333" },
        { party: "county_guarantee", ratio: "0.16667" },
      ],
    });
    expect(result.map((r) => r.ratio)).toEqual(["0.3000", "0.2000", "0.33333", "0.16667"]);
  });

  it("§15.2: a joint member may take the whole joint share", () => {
    expect(
      riskSharingRatios({
        scheme: "scheme1",
        borrowerClass: "nonagri_enterprise",
        joint: [{ party: "county_guarantee", ratio: "0.5" }],
      }).map((r) => r.party),
    ).toEqual(["county_fund", "bank", "county_guarantee"]);
  });

  it("CONTRACT: non-agricultural enterprise without the agreement → AGREEMENT_REQUIRED", () => {
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme1", borrowerClass: "nonagri_enterprise" }))).toBe(
      "AGREEMENT_REQUIRED",
    );
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme2", borrowerClass: "nonagri_enterprise", joint: [] }))).toBe(
      "AGREEMENT_REQUIRED",
    );
    expect(() => riskSharingRatios({ scheme: "scheme2", borrowerClass: "nonagri_enterprise" })).toThrow("60%");
  });

  it("CONTRACT: joint shares that do not bring the total to exactly 1 → RATIOS_NOT_100", () => {
    const under = [
      { party: "provincial_guarantee_group", ratio: "0.3" },
      { party: "county_guarantee", ratio: "0.1" },
    ];
    const over = [
      { party: "provincial_guarantee_group", ratio: "0.3" },
      { party: "county_guarantee", ratio: "0.2001" },
    ];
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme1", borrowerClass: "nonagri_enterprise", joint: under }))).toBe(
      "RATIOS_NOT_100",
    );
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme1", borrowerClass: "nonagri_enterprise", joint: over }))).toBe(
      "RATIOS_NOT_100",
    );
    // Scheme 2's joint share is 0.6, so scheme 1's 0.5 split does not fit it.
    const fifty = [
      { party: "provincial_guarantee_group", ratio: "0.3" },
      { party: "county_guarantee", ratio: "0.2" },
    ];
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme2", borrowerClass: "nonagri_enterprise", joint: fifty }))).toBe(
      "RATIOS_NOT_100",
    );
  });

  it("P-Imp 四(三): only the joint members may share the joint part", () => {
    expect(
      codeOf(() =>
        riskSharingRatios({
          scheme: "scheme1",
          borrowerClass: "nonagri_enterprise",
          joint: [
            { party: "municipal_guarantee", ratio: "0.2" },
            { party: "county_guarantee", ratio: "0.3" },
          ],
        }),
      ),
    ).toBe("JOINT_PARTY_NOT_MEMBER");
    expect(
      codeOf(() =>
        riskSharingRatios({
          scheme: "scheme1",
          borrowerClass: "nonagri_enterprise",
          joint: [
            { party: "bank", ratio: "0.2" },
            { party: "county_guarantee", ratio: "0.3" },
          ],
        }),
      ),
    ).toBe("DUPLICATE_PARTY");
    expect(
      codeOf(() =>
        riskSharingRatios({
          scheme: "scheme1",
          borrowerClass: "nonagri_enterprise",
          joint: [
            { party: "provincial_guarantee_group", ratio: "0.6" },
            { party: "county_guarantee", ratio: "-0.1" },
          ],
        }),
      ),
    ).toBe("NEGATIVE_RATIO");
  });

  it("CONTRACT: `joint` is not read for classes whose table is complete", () => {
    expect(
      riskSharingRatios({ scheme: "scheme1", borrowerClass: "household", joint: [{ party: "x", ratio: "1" }] }),
    ).toHaveLength(4);
  });

  it("CONTRACT: unknown schemes and borrower classes are refused", () => {
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme3" as never, borrowerClass: "household" }))).toBe("INVALID_SCHEME");
    expect(codeOf(() => riskSharingRatios({ scheme: "toString" as never, borrowerClass: "household" }))).toBe(
      "INVALID_SCHEME",
    );
    expect(codeOf(() => riskSharingRatios(null as never))).toBe("INVALID_SCHEME");
    expect(codeOf(() => riskSharingRatios({ scheme: "scheme1", borrowerClass: "farmer" as never }))).toBe(
      "INVALID_BORROWER_CLASS",
    );
  });
});

describe("loss and recovery", () => {
  it("§15.3: the loss is unpaid principal plus unpaid contractual interest", () => {
    expect(lossToSplit({ unpaidPrincipal: "50000", unpaidInterest: "543.75" })).toBe("50543.75");
    expect(lossToSplit({ unpaidPrincipal: "0", unpaidInterest: "0" })).toBe("0.00");
    expect(lossToSplit({ unpaidPrincipal: "100.005", unpaidInterest: "0" })).toBe("100.01");
    expect(codeOf(() => lossToSplit({ unpaidPrincipal: "-1", unpaidInterest: "0" }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => lossToSplit({ unpaidPrincipal: "1", unpaidInterest: "-0.01" }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => lossToSplit({ unpaidPrincipal: "x", unpaidInterest: "0" }))).toBe("INVALID_DECIMAL");
    expect(codeOf(() => lossToSplit(undefined as never))).toBe("INVALID_DECIMAL");
  });

  it("§15.4: a scheme 1 household loss of 50,543.75 splits to the fen", () => {
    const ratios = riskSharingRatios({ scheme: "scheme1", borrowerClass: "household" });
    // 15163.125 → 15163.13; 5054.375 → 5054.38; 20217.50; 10108.75; sum 50543.76 → −0.01 from 省农信担保
    expect(splitLoss("50543.75", ratios)).toEqual([
      { party: "county_fund", amount: "15163.13" },
      { party: "bank", amount: "5054.38" },
      { party: "provincial_agri_guarantee", amount: "20217.49" },
      { party: "provincial_guarantee_group", amount: "10108.75" },
    ]);
    expect(codeOf(() => splitLoss("-1", ratios))).toBe("NEGATIVE_AMOUNT");
  });

  it("§15.4: recoveries net of costs are returned pro rata", () => {
    const ratios = riskSharingRatios({ scheme: "scheme2", borrowerClass: "household" });
    expect(distributeRecovery({ recovered: "12000", costs: "1500", ratios })).toEqual({
      net: "10500.00",
      shares: [
        { party: "county_fund", amount: "2100.00" },
        { party: "municipal_guarantee", amount: "1050.00" },
        { party: "bank", amount: "1050.00" },
        { party: "provincial_agri_guarantee", amount: "4200.00" },
        { party: "provincial_guarantee_group", amount: "2100.00" },
      ],
    });
  });

  it("§15.4: when costs exceed the recovery the shortfall is shared the same way", () => {
    const ratios = riskSharingRatios({ scheme: "scheme1", borrowerClass: "household" });
    // net −100.01: −30.003 → −30.00, −10.001 → −10.00, −40.004 → −40.00, −20.002 → −20.00; −0.01 to 省农信担保
    expect(distributeRecovery({ recovered: "200", costs: "300.01", ratios })).toEqual({
      net: "-100.01",
      shares: [
        { party: "county_fund", amount: "-30.00" },
        { party: "bank", amount: "-10.00" },
        { party: "provincial_agri_guarantee", amount: "-40.01" },
        { party: "provincial_guarantee_group", amount: "-20.00" },
      ],
    });
  });

  it("§15.4: recovery equal to costs leaves nothing to share", () => {
    const ratios = [{ party: "county_fund", ratio: "1" }];
    expect(distributeRecovery({ recovered: "300", costs: "300", ratios })).toEqual({
      net: "0.00",
      shares: [{ party: "county_fund", amount: "0.00" }],
    });
    expect(codeOf(() => distributeRecovery({ recovered: "-1", costs: "0", ratios }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => distributeRecovery({ recovered: "1", costs: "-1", ratios }))).toBe("NEGATIVE_AMOUNT");
    expect(codeOf(() => distributeRecovery({ recovered: "1", costs: "0", ratios: [] }))).toBe("RATIOS_NOT_100");
  });
});
