/**
 * Password rules (issue 9): at least 10 characters, letters and digits, and none of the last five
 * passwords again. The history check needs the stored hashes, so it is done by the caller; this
 * module fixes which hashes take part.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 64;
/** The current password and the ones before it, this many in total, may not be chosen again. */
export const PASSWORD_HISTORY_SIZE = 5;

/** Every rule the password breaks, as Chinese messages; empty when it is acceptable. */
export function passwordProblems(password: string, o: { username?: string } = {}): string[] {
  if (typeof password !== "string" || password.length === 0) return ["请填写新密码"];
  const out: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) out.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`);
  if (length > PASSWORD_MAX_LENGTH) out.push(`密码不能超过 ${PASSWORD_MAX_LENGTH} 位`);
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) out.push("密码须同时包含字母和数字");
  if (/\s/.test(password)) out.push("密码不能包含空格");
  const username = o.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    out.push("密码不能包含用户名");
  }
  return out;
}

/**
 * The hashes a new password is compared with: the current one and the most recent earlier ones,
 * PASSWORD_HISTORY_SIZE in total. `history` is newest first.
 */
export function recentPasswordHashes(current: string, history: readonly string[]): string[] {
  return [current, ...history.slice(0, PASSWORD_HISTORY_SIZE - 1)];
}
