import type { ApiMethod, ApiResponse } from '../../../shared/api/contract';

/*
 * Answers of the metric calls, kept for the session so that going back to a view shows it at once
 * instead of asking the host to compute a county again. A metric's answer depends only on the
 * stored data and the settings, so the cache is emptied whenever a call changes either (a line set
 * edited or chosen, a CPI series, a snapshot imported or deleted). Pivots and lists are not kept:
 * their views manage their own state.
 */

const MAX_ENTRIES = 60;

/** The comparison and the signals are such functions too (their thresholds are a setting, below). */
const KEPT_EVALUATION: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'evaluation.compare', 'evaluation.compareFigures', 'evaluation.signals',
]);

/** Calls whose answers may be kept: pure functions of the stored data and settings. */
function isCacheable(method: ApiMethod): boolean {
  return method.startsWith('metrics.') || KEPT_EVALUATION.has(method);
}

/** Calls after which kept answers may be wrong. */
const INVALIDATING: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'lines.set', 'lines.deleteYear', 'lines.useSet', 'standards.save', 'standards.use', 'standards.delete', 'cpi.set', 'snapshots.delete', 'imports.start',
  'evaluation.setThresholds',
]);

// Insertion order is recency order: a hit is moved to the end, the oldest is dropped first.
const entries = new Map<string, unknown>();
// Bumped whenever the cache is emptied: an answer asked for before that is not kept after it.
let generation = 0;

export function cacheGeneration(): number {
  return generation;
}

function keyOf(method: ApiMethod, requestKey: string): string {
  return `${method} ${requestKey}`;
}

export function cachedResult<M extends ApiMethod>(method: M, requestKey: string): ApiResponse<M> | undefined {
  if (!isCacheable(method)) return undefined;
  const key = keyOf(method, requestKey);
  if (!entries.has(key)) return undefined;
  const value = entries.get(key) as ApiResponse<M>;
  entries.delete(key);
  entries.set(key, value);
  return value;
}

export function keepResult<M extends ApiMethod>(
  method: M, requestKey: string, value: ApiResponse<M>, askedAt: number,
): void {
  if (!isCacheable(method) || askedAt !== generation) return;
  const key = keyOf(method, requestKey);
  entries.delete(key);
  entries.set(key, value);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/** Called when a call is made and when it is answered: one that changes data or settings empties the cache. */
export function noteCall(method: ApiMethod): void {
  if (INVALIDATING.has(method)) clearResults();
}

export function clearResults(): void {
  entries.clear();
  generation += 1;
}

