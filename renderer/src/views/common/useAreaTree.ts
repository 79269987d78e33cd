import { useEffect, useState } from 'react';
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

/** The snapshot's townships and villages for the area filter; null while loading or when unavailable. */
export function useAreaTree(snapshotId: number): TownshipEntry[] | null {
  const [tree, setTree] = useState<TownshipEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    setTree(null);
    loadAreas(snapshotId).then(
      (t) => live && setTree(t),
      () => live && setTree([]),
    );
    return () => {
      live = false;
    };
  }, [snapshotId]);
  return tree;
}
