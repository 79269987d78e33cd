import { useCallback, useSyncExternalStore } from 'react';

/**
 * The page's state lives in the address hash, `#/<view>?<params>` (e.g. `#/income?snapshot=2&year=2020`),
 * so a view reopens as it was left and a colleague can be sent the same view. The snapshot
 * parameter is kept when moving between views; a view's own parameters are not.
 */
export interface HashRoute {
  readonly view: string;
  readonly params: URLSearchParams;
}

/** Parameters that belong to the whole page, not to one view. */
const PAGE_PARAMS = ['snapshot'] as const;
const HASH_EVENT = 'tuopin:hash';

export function parseHash(hash: string): HashRoute {
  const body = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = body.split('?', 2);
  return { view: decodeURIComponent(path), params: new URLSearchParams(query) };
}

export function formatHash(route: HashRoute): string {
  const query = route.params.toString();
  return `#/${encodeURIComponent(route.view)}${query ? `?${query}` : ''}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener(HASH_EVENT, onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener(HASH_EVENT, onChange);
  };
}

function currentHash(): string {
  return window.location.hash;
}

export function useHashRoute(): HashRoute {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}

/** Goes to another view (a history entry, so 后退 works), keeping the page-wide parameters. */
export function navigateTo(view: string): void {
  const { params } = parseHash(window.location.hash);
  const kept = new URLSearchParams();
  for (const name of PAGE_PARAMS) {
    const value = params.get(name);
    if (value !== null) kept.set(name, value);
  }
  window.location.hash = formatHash({ view, params: kept });
}

/** Changes parameters of the current view in place (no history entry for every filter click). */
export function replaceParams(changes: Readonly<Record<string, string | null>>): void {
  const route = parseHash(window.location.hash);
  const params = new URLSearchParams(route.params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const next = formatHash({ view: route.view, params });
  if (next === window.location.hash) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${next}`);
  window.dispatchEvent(new Event(HASH_EVENT));
}

/**
 * One parameter of the current view, kept in the address: `const [year, setYear] = useViewParam('year', '2020')`.
 */
export function useViewParam(name: string, fallback: string): [string, (value: string | null) => void] {
  const { params } = useHashRoute();
  const set = useCallback((value: string | null) => replaceParams({ [name]: value }), [name]);
  return [params.get(name) ?? fallback, set];
}
