import { useCallback, useEffect, useState } from 'react';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../shared/api/contract';
import { ApiCallError, call } from './client';
import { cacheGeneration, cachedResult, keepResult } from './resultCache';

export interface ApiQuery<T> {
  readonly data: T | undefined;
  readonly error: ApiCallError | null;
  readonly loading: boolean;
  reload(): void;
}

/**
 * Runs a call when the view shows and again whenever the request changes (compared by value);
 * `null` as the request waits (e.g. until a snapshot is chosen). A stale answer never overwrites
 * a newer one.
 */
export function useApiQuery<M extends ApiMethod>(method: M, request: ApiRequest<M> | null): ApiQuery<ApiResponse<M>> {
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<{
    data: ApiResponse<M> | undefined; error: ApiCallError | null; loading: boolean;
  }>(() => {
    const kept = key === null ? undefined : cachedResult(method, key);
    return { data: kept, error: null, loading: key !== null && kept === undefined };
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    // A metric answered before in this session is shown at once (reload asks the host again).
    const kept = generation === 0 ? cachedResult(method, key) : undefined;
    if (kept !== undefined) {
      setState({ data: kept, error: null, loading: false });
      return;
    }
    const askedAt = cacheGeneration();
    setState((s) => ({ ...s, loading: true, error: null }));
    call(method, JSON.parse(key) as ApiRequest<M>).then(
      (data) => {
        keepResult(method, key, data, askedAt);
        if (live) setState({ data, error: null, loading: false });
      },
      (err: unknown) =>
        live &&
        setState({
          data: undefined,
          error: err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [method, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
