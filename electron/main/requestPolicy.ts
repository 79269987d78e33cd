import { APP_HOST } from './appProtocol';

/**
 * Whether the page may load this URL: only the app's own files (and data:/blob: URLs the page
 * makes itself, e.g. a chart saved as PNG). Everything else (https://, http://, file://, ws://)
 * is refused, so nothing leaves the machine and no other file is read.
 */
export function isAllowedRequestUrl(url: string, options: { readonly devTools: boolean }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case 'app:':
      return parsed.host === APP_HOST;
    case 'data:':
    case 'blob:':
      return true;
    case 'devtools:':
      return options.devTools;
    default:
      return false;
  }
}

/** Whether the window may navigate there: only within the app's own page (a reload). */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
