/**
 * The renderer's Content-Security-Policy: only the app's own scripts, styles and images; no inline
 * script, no eval, no remote content, no plugins, no frames. Sent as a response header by the Electron
 * session and the test host, and repeated in index.html's meta tag (which cannot carry frame-ancestors).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // The test host's bridge talks to its own origin; the Electron app makes no requests at all.
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')
