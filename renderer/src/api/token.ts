const STORAGE_KEY = 'tuopin.accessToken';

/**
 * The loopback host's per-run token. It arrives once in the address the host printed
 * (`/?token=…`); the page keeps it for this tab and removes it from the address bar, so it does
 * not end up in bookmarks, history or screenshots.
 */
export function readAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}
