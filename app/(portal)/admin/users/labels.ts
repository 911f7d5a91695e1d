import type { UserStatus } from "@/lib/server/users/list-users";

export const USER_STATUS_LABELS = {
  active: "正常",
  locked: "登录失败锁定中",
  adminLocked: "已锁定",
  inactive: "已停用",
} as const satisfies Record<UserStatus, string>;

export const USER_STATUS_TONE = {
  active: "bg-green-100 text-green-800",
  locked: "bg-amber-100 text-amber-800",
  adminLocked: "bg-amber-100 text-amber-800",
  inactive: "bg-slate-200 text-slate-600",
} as const satisfies Record<UserStatus, string>;
