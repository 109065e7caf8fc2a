/**
 * The renderer's Content Security Policy, sent as a header by the app:// protocol and the
 * preview host, and written into index.html as a meta tag at build time. No inline script,
 * no eval, no remote content: the UI talks to the world only through window.clinician.
 * `connect-src 'self'` lets the preview's WebSocket shim reach its own origin.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Browsers ignore frame-ancestors in a meta tag (and warn), so the meta copy omits it. */
export const contentSecurityPolicyMeta = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

/** The app's own origin inside Electron (privileged custom scheme, not file://). */
export const appScheme = 'app';
export const appHost = 'clinician';
export const appOrigin = `${appScheme}://${appHost}`;
