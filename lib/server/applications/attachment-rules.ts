/** Attachments: scans and photos of signed papers, 10 MB at most, images and PDF only. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { mime: string; bytes: number[] }[] = [
  { mime: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { mime: "image/png", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: "image/webp", bytes: [0x52, 0x49, 0x46, 0x46] },
];

/** The file's real type from its first bytes (a renamed .exe is not a PDF), or null. */
export function sniffMimeType(data: Uint8Array): string | null {
  const match = SIGNATURES.find((s) => s.bytes.every((b, i) => data[i] === b));
  if (match?.mime === "image/webp" && String.fromCharCode(...data.slice(8, 12)) !== "WEBP") return null;
  return match?.mime ?? null;
}

export const ATTACHMENT_KIND_LABELS = {
  applicationForm: "签字的贷款申请书",
  cooperationAgreement: "合作带贫协议",
  fourPartyAgreement: "四方协议",
  useOfFundsPlan: "资金使用计划",
  other: "其他材料",
} as const;
