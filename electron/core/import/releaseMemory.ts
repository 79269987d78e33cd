import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, where the runtime lets one be asked for. After a large county's rows
 * are written, most of the heap (≈ 1 GB of parsed rows) is dead but V8 has no reason to collect it
 * while SQLite builds the indexes and commits, which is when the import's memory peaks. Node
 * exposes `gc` only to a context created after --expose-gc is set.
 */
export function releaseMemory(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
