import "server-only";
import { randomInt } from "node:crypto";
import { passwordProblems } from "@/lib/domain/password-policy";

// No 0/O, 1/l/I: the password is read off a screen and typed by someone else.
const LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const ALL = LETTERS + DIGITS;

/** A random 12-character password that satisfies the password rules, shown once to the admin. */
export function generateOneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => ALL[randomInt(ALL.length)]);
    chars[randomInt(12)] = DIGITS[randomInt(DIGITS.length)];
    const password = chars.join("");
    if (passwordProblems(password).length === 0) return password;
  }
}
