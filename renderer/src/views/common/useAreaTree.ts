import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client';
import { AREA_PIVOT_SPEC, areaTreeFromPivot, type TownshipEntry } from './areaTree';

/** One request per snapshot for the whole session: the area list does not change under a snapshot. */
const cache = new Map<number, Promise<TownshipEntry[]>>();

function loadAreas(snapshotId: number): Promise<TownshipEntry[]> {
  let pending = cache.get(snapshotId);
  if (!pending) {
    pending = call('pivot.run', { snapshotId, spec: { ...AREA_PIVOT_SPEC, rows: [...AREA_PIVOT_SPEC.rows], values: [...AREA_PIVOT_SPEC.values] } })
      .then((result) => areaTreeFromPivot(result.rows));
    pending.catch(() => cache.delete(snapshotId));
    cache.set(snapshotId, pending);
  }
  return pending;
}

/**
 * The snapshot's townships and villages for the area filter; null until asked for and while
 * loading. The list comes from the pivot, whose tables a large county builds on first use (minutes
 * on 300,000 households), and the host answers one call at a time: so the list is fetched when the
 * user first reaches for the filter (`want()`), or at once when the address already names an area,
 * never in the way of a view's first figures.
 */
export function useAreaTree(snapshotId: number, wanted: boolean): {
  readonly tree: TownshipEntry[] | null; want(): void;
} {
  const [tree, setTree] = useState<TownshipEntry[] | null>(null);
  const [asked, setAsked] = useState(wanted);
  const want = useCallback(() => setAsked(true), []);
  useEffect(() => {
    if (!asked) return;
    let live = true;
    setTree(null);
    loadAreas(snapshotId).then(
      (t) => live && setTree(t),
      () => live && setTree([]),
    );
    return () => {
      live = false;
    };
  }, [snapshotId, asked]);
  return { tree, want };
}
