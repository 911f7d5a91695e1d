import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { mobileField, requiredText } from "../validation";

export const usernameField = z
  .string({ error: "请填写用户名" })
  .trim()
  .transform((v) => v.toLowerCase())
  .pipe(
    z
      .string()
      .min(1, "请填写用户名")
      .regex(/^[a-z][a-z0-9_.-]{2,31}$/, "用户名为 3–32 位，以字母开头，只能含字母、数字、下划线、点和减号"),
  );

export const userIdInput = z.object({ id: z.string({ error: "记录编号无效" }) });

export const createUserFields = z.object({
  username: usernameField,
  displayName: requiredText(30, "姓名"),
  phone: mobileField,
  role: z.enum(ROLES, { error: "请选择角色" }),
  orgUnitId: z.string({ error: "请选择所属机构" }).trim().min(1, "请选择所属机构"),
  bankId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null)),
});
