/**
 * The portal's browser-side protections (ASVS V14.4, 等保 web controls), set by proxy.ts.
 * Scripts run only with the request's nonce ('strict-dynamic' lets Next's own loader add its
 * chunks); styles allow inline because React renders style attributes on the server.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Headers every response carries, pages, downloads and redirects alike. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF for route handlers: a state-changing request must come from a page of the portal itself,
 * as its Origin (or, failing that, Referer) header shows. Server actions have Next's own check.
 */
export function crossSiteRefused(method: string, host: string | null, origin: string | null, referer: string | null): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const source = origin && origin !== "null" ? origin : referer;
  if (!source || !host) return true;
  try {
    return new URL(source).host !== host;
  } catch {
    return true;
  }
}
