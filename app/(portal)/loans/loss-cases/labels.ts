export const SHARE_STATUS_LABELS = { pending: "待确认", confirmed: "已确认", paid: "已付款" } as const;

export const SCHEME_LABELS: Record<string, string> = {
  scheme1: "方案一", scheme2: "方案二", negotiated: "协商比例", luolong: "洛龙（农办与银行）", guizhou: "贵州（按规定比例代偿）",
};
