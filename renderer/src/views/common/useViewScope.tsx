import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { formatHash, parseHash, replaceParams, useHashRoute } from '../../shell/hashRoute';
import { paramsToRestore, rememberParams } from './rememberedParams';
import { SCOPE_PARAMS, scopeFromParams, scopeToParams, type ViewScope } from './viewScope';

/** The hash parameters every analysis view has (its own come on top). */
export const SCOPE_PARAM_NAMES: readonly string[] = Object.values(SCOPE_PARAMS);

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Renders a view once its remembered selection is back in the address (before the first paint,
 * so no request is made for a selection that is about to change), and remembers it from then on.
 */
export function RememberedView({ viewKey, params, children }: {
  readonly viewKey: string; readonly params: readonly string[]; readonly children: ReactNode;
}): ReactNode {
  const route = useHashRoute();
  const [ready, setReady] = useState(false);
  const names = useMemo(() => [...SCOPE_PARAM_NAMES, ...params], [params]);
  const query = route.params.toString();

  useLayoutEffect(() => {
    const store = storage();
    const restore = store ? paramsToRestore(store, viewKey, parseHash(window.location.hash).params, names) : null;
    if (restore) replaceParams(restore);
    setReady(true);
    // Once, when the view opens: later changes are the user's.
  }, []);

  useEffect(() => {
    const store = storage();
    if (ready && store) rememberParams(store, viewKey, new URLSearchParams(query), names);
  }, [ready, query, viewKey, names]);

  return ready ? children : null;
}

/** The view's scope from the address, and the way to change it. */
export function useViewScope(): [ViewScope, (scope: ViewScope) => void] {
  const { params } = useHashRoute();
  const query = params.toString();
  const scope = useMemo(() => scopeFromParams(new URLSearchParams(query)), [query]);
  const setScope = useCallback((next: ViewScope) => replaceParams(scopeToParams(next)), []);
  return [scope, setScope];
}

/**
 * Opens another view with parameters (a history entry, so 后退 returns): a headline card takes the
 * reader to the view behind its figure, with the same area and line set.
 */
export function openView(view: string, params: Readonly<Record<string, string | null>> = {}): void {
  const current = parseHash(window.location.hash).params;
  const next = new URLSearchParams();
  const snapshot = current.get('snapshot');
  if (snapshot !== null) next.set('snapshot', snapshot);
  for (const [name, value] of Object.entries(params)) if (value !== null) next.set(name, value);
  window.location.hash = formatHash({ view, params: next });
}
