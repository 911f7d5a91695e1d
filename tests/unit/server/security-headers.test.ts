import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, contentSecurityPolicy, crossSiteRefused } from "@/lib/server/http/security-headers";

describe("content security policy", () => {
  it("allows scripts only with the nonce, never eval in production, and forbids framing", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
  it("lets the dev server's eval and websocket through, and upgrades requests under https", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toMatch(/'unsafe-eval'.*connect-src 'self' ws:/);
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toContain("upgrade-insecure-requests");
  });
  it("sends HSTS only over https", () => {
    expect(baseSecurityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(baseSecurityHeaders(true)["Strict-Transport-Security"]).toMatch(/max-age=31536000/);
  });
});

describe("cross-site request check", () => {
  it("never refuses reads", () => {
    expect(crossSiteRefused("GET", "portal.gov.cn", "https://evil.example", null)).toBe(false);
    expect(crossSiteRefused("HEAD", null, null, null)).toBe(false);
  });
  it("accepts a write from the portal's own origin, or its referer when the origin is missing", () => {
    expect(crossSiteRefused("POST", "portal.gov.cn", "https://portal.gov.cn", null)).toBe(false);
    expect(crossSiteRefused("DELETE", "127.0.0.1:3000", null, "http://127.0.0.1:3000/reports")).toBe(false);
  });
  it("refuses a write from another origin, with no origin at all, or with a malformed one", () => {
    expect(crossSiteRefused("POST", "portal.gov.cn", "https://evil.example", null)).toBe(true);
    expect(crossSiteRefused("POST", "portal.gov.cn", "null", null)).toBe(true);
    expect(crossSiteRefused("PUT", "portal.gov.cn", null, null)).toBe(true);
    expect(crossSiteRefused("PATCH", "portal.gov.cn", "not a url", null)).toBe(true);
  });
});
