/**
 * The security headers of every response, computed once at start instead of per request (what
 * @fastify/helmet did with these options; security-headers.test.ts checks the two are identical).
 * Content-Security-Policy: everything from our own origin only; images may also be data:/blob:
 * (charts rendered to canvas, previews).
 */
export const cspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "frame-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'self'"],
};

/** The headers; Strict-Transport-Security only when the public URL is https. */
export function securityHeaders(hsts: boolean): Record<string, string> {
  return {
    "content-security-policy": Object.entries(cspDirectives)
      .map(([name, values]) => `${name} ${values.join(" ")}`)
      .join(";"),
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "origin-agent-cluster": "?1",
    "referrer-policy": "no-referrer",
    ...(hsts ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
    "x-content-type-options": "nosniff",
    "x-dns-prefetch-control": "off",
    "x-download-options": "noopen",
    "x-frame-options": "SAMEORIGIN",
    "x-permitted-cross-domain-policies": "none",
    "x-xss-protection": "0",
  };
}
