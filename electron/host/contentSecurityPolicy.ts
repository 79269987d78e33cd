/**
 * The one Content-Security-Policy of the workstation page, sent by both hosts (the Electron app
 * protocol and the loopback HTTP host). Scripts come only from the app's own files; nothing is
 * fetched from any other origin. Inline styles are allowed because AG Grid's theming and ECharts
 * write <style> elements and style attributes at run time; inline scripts and eval are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
