import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/contentSecurityPolicy';
import { isAllowedNavigation, isAllowedRequestUrl } from './requestPolicy';

/**
 * Locks down the session the window uses: every request outside the app's files is cancelled,
 * every response carries the CSP, and no web permission (camera, notifications, …) is granted.
 */
export function secureSession(session: Session, options: { readonly devTools: boolean }): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, options) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from the app, no new windows, no <webview>. */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
