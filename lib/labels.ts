/** Chinese labels for enumerations shown in the UI. */
export const HOUSEHOLD_STATUS_LABELS = {
  registeredPoor: "建档立卡贫困户",
  exitedPoverty: "已脱贫户",
  monitored: "监测对象",
  marginal: "边缘户",
  misregistered: "错评清退户",
  none: "非帮扶对象",
} as const;

export const LABOUR_CAPACITY_LABELS = {
  full: "有劳动能力",
  partial: "弱劳动能力",
  none: "无劳动能力",
} as const;
