/**
 * Loss-sharing tables for poor counties, P-Imp 四(三) (POLICY §7), as fractions of each actual
 * loss. They seed the Pingdingshan profile templates; a county edits its own copy.
 */
export const BORROWER_CLASSES = ["household", "agri_enterprise", "nonagri_enterprise"] as const;
export type BorrowerClass = (typeof BORROWER_CLASSES)[number];

export const BORROWER_CLASS_LABELS = {
  household: "贫困户",
  agri_enterprise: "农业类带贫企业",
  nonagri_enterprise: "非农业类带贫企业",
} as const satisfies Record<BorrowerClass, string>;

export const SHARING_PARTIES = [
  "county_fund",
  "bank",
  "provincial_agri_guarantee",
  "provincial_guarantee_group",
  "municipal_guarantee",
  "county_guarantee",
  "district_agri_office",
] as const;
export type SharingParty = (typeof SHARING_PARTIES)[number];

export const SHARING_PARTY_LABELS = {
  county_fund: "县级风险补偿金",
  bank: "合作银行",
  provincial_agri_guarantee: "省农信担保",
  provincial_guarantee_group: "省担保集团",
  municipal_guarantee: "市级担保机构（财信担保）",
  county_guarantee: "贫困县政府性担保机构",
  district_agri_office: "区委农办",
} as const satisfies Record<SharingParty, string>;

export type SchemeEntry = {
  /** Parties with a share the document fixes. */
  fixed: readonly { party: SharingParty; ratio: string }[];
  /** A share the document gives to several parties jointly ("共同分担"), split by their re-guarantee agreement. */
  joint?: { ratio: string; members: readonly SharingParty[] };
};

export const POOR_COUNTY_SCHEMES = {
  scheme1: {
    household: {
      fixed: [
        { party: "county_fund", ratio: "0.30" },
        { party: "bank", ratio: "0.10" },
        { party: "provincial_agri_guarantee", ratio: "0.40" },
        { party: "provincial_guarantee_group", ratio: "0.20" },
      ],
    },
    agri_enterprise: {
      fixed: [
        { party: "county_fund", ratio: "0.30" },
        { party: "bank", ratio: "0.20" },
        { party: "provincial_agri_guarantee", ratio: "0.30" },
        { party: "provincial_guarantee_group", ratio: "0.20" },
      ],
    },
    nonagri_enterprise: {
      fixed: [
        { party: "county_fund", ratio: "0.30" },
        { party: "bank", ratio: "0.20" },
      ],
      joint: { ratio: "0.50", members: ["provincial_guarantee_group", "county_guarantee"] },
    },
  },
  scheme2: {
    household: {
      fixed: [
        { party: "county_fund", ratio: "0.20" },
        { party: "municipal_guarantee", ratio: "0.10" },
        { party: "bank", ratio: "0.10" },
        { party: "provincial_agri_guarantee", ratio: "0.40" },
        { party: "provincial_guarantee_group", ratio: "0.20" },
      ],
    },
    agri_enterprise: {
      fixed: [
        { party: "county_fund", ratio: "0.20" },
        { party: "municipal_guarantee", ratio: "0.10" },
        { party: "bank", ratio: "0.20" },
        { party: "provincial_agri_guarantee", ratio: "0.30" },
        { party: "provincial_guarantee_group", ratio: "0.20" },
      ],
    },
    nonagri_enterprise: {
      fixed: [
        { party: "county_fund", ratio: "0.20" },
        { party: "bank", ratio: "0.20" },
      ],
      joint: { ratio: "0.60", members: ["municipal_guarantee", "county_guarantee", "provincial_guarantee_group"] },
    },
  },
} as const satisfies Record<"scheme1" | "scheme2", Record<BorrowerClass, SchemeEntry>>;

export type PoorCountyScheme = keyof typeof POOR_COUNTY_SCHEMES;
