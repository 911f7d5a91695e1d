import { describe, expect, it } from "vitest";
import { sessionExpired } from "@/lib/server/auth/session-policy";

const login = Date.UTC(2026, 10, 23, 1, 0, 0);
const min = 60_000;

describe("issue 2: sessions last 8 hours, idle sessions 30 minutes", () => {
  it("an active session within both limits is valid", () => {
    expect(sessionExpired({ loginAt: login, lastSeen: login + 60 * min }, login + 89 * min)).toBe(false);
  });
  it("30 minutes idle is still valid; a moment more is not", () => {
    expect(sessionExpired({ loginAt: login, lastSeen: login }, login + 30 * min)).toBe(false);
    expect(sessionExpired({ loginAt: login, lastSeen: login }, login + 30 * min + 1)).toBe(true);
  });
  it("8 hours after sign-in the session ends even when active", () => {
    expect(sessionExpired({ loginAt: login, lastSeen: login + 479 * min }, login + 480 * min)).toBe(false);
    expect(sessionExpired({ loginAt: login, lastSeen: login + 480 * min }, login + 480 * min + 1)).toBe(true);
  });
  it("a token without times is expired", () => {
    expect(sessionExpired({}, login)).toBe(true);
  });
});
