import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SnapshotSummary } from '../../../shared/api/snapshots';
import { ApiCallError, call } from '../api/client';
import { replaceParams, useHashRoute } from '../shell/hashRoute';

export interface SnapshotState {
  /** Every snapshot in the database, newest first; null until the first answer. */
  readonly snapshots: readonly SnapshotSummary[] | null;
  /** The snapshot the analyses show: the one named in the address, else the newest. */
  readonly current: SnapshotSummary | null;
  readonly error: ApiCallError | null;
  select(id: number): void;
  /** Reloads the list (after an import or a delete); resolves with the new list. */
  refresh(): Promise<readonly SnapshotSummary[]>;
}

const SnapshotContext = createContext<SnapshotState | null>(null);

export function SnapshotProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const [snapshots, setSnapshots] = useState<readonly SnapshotSummary[] | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const { params } = useHashRoute();
  const wanted = params.get('snapshot');

  const refresh = useCallback(async () => {
    try {
      const list = await call('snapshots.list', {});
      setSnapshots(list);
      setError(null);
      return list;
    } catch (err) {
      setError(err instanceof ApiCallError ? err : new ApiCallError({ code: 'internal', message: String(err) }));
      return [];
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const select = useCallback((id: number) => replaceParams({ snapshot: String(id) }), []);

  const current = useMemo(() => {
    if (!snapshots || snapshots.length === 0) return null;
    return snapshots.find((s) => String(s.id) === wanted) ?? snapshots[0] ?? null;
  }, [snapshots, wanted]);

  const value = useMemo<SnapshotState>(() => ({ snapshots, current, error, select, refresh }), [
    snapshots, current, error, select, refresh,
  ]);
  return <SnapshotContext.Provider value={value}>{children}</SnapshotContext.Provider>;
}

/** The snapshot list and the current snapshot, for any view or component. */
export function useSnapshots(): SnapshotState {
  const state = useContext(SnapshotContext);
  if (!state) throw new Error('useSnapshots 必须在 SnapshotProvider 之内使用');
  return state;
}
