/**
 * Each view keeps its own selection between visits: moving to another view drops the view's hash
 * parameters (hashRoute keeps only the page's), so they are also stored per view and put back
 * when the view is opened without any. The address always wins over the memory.
 */
const PREFIX = 'tuopin.view.';

export interface ParamStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The view's parameters among `params` (the page's, such as snapshot, are left out). */
export function pickParams(params: URLSearchParams, names: readonly string[]): URLSearchParams {
  const picked = new URLSearchParams();
  for (const name of names) {
    const value = params.get(name);
    if (value !== null) picked.set(name, value);
  }
  return picked;
}

export function rememberParams(
  store: ParamStore, viewKey: string, params: URLSearchParams, names: readonly string[],
): void {
  try {
    store.setItem(PREFIX + viewKey, pickParams(params, names).toString());
  } catch {
    // A full or forbidden storage only costs the memory of the selection.
  }
}

/**
 * What to put into the address when the view opens: the remembered parameters when the address
 * names none of the view's own, else nothing.
 */
export function paramsToRestore(
  store: ParamStore, viewKey: string, params: URLSearchParams, names: readonly string[],
): Record<string, string> | null {
  if (names.some((name) => params.has(name))) return null;
  let stored: string | null;
  try {
    stored = store.getItem(PREFIX + viewKey);
  } catch {
    return null;
  }
  if (!stored) return null;
  const remembered = pickParams(new URLSearchParams(stored), names);
  const entries = [...remembered.entries()];
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}
