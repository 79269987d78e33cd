import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/contentSecurityPolicy';
import { readStaticFile } from '../host/staticFiles';

/**
 * The desktop app loads its page from its own scheme rather than file://: a real origin for the
 * CSP's 'self', response headers we control, and no way to read any other file on disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answers app://workstation/<path> from the built renderer, with the CSP on every response. */
export async function appProtocolResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  const url = new URL(requestUrl);
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (url.host !== APP_HOST) return new Response('未找到', { status: 404, headers });
  const file = await readStaticFile(rendererDir, url.pathname);
  if (!file) return new Response('未找到', { status: 404, headers });
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, rendererDir));
}
