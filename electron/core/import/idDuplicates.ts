/** 53 bits of a string (two FNV-1a passes), exact in a double. */
function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/**
 * Groups of positions holding the same key, in order of first appearance: each group's first
 * element is the first occurrence. A million IDs are hashed into a typed array and sorted,
 * instead of a Map of a million strings; only colliding hashes are compared as strings.
 */
export function duplicateGroups(count: number, keyAt: (i: number) => string): number[][] {
  const hashes = new Float64Array(count);
  for (let i = 0; i < count; i++) hashes[i] = hash53(keyAt(i));
  const sorted = hashes.slice().sort();
  const repeated = new Set<number>();
  for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) repeated.add(sorted[k] as number);
  if (repeated.size === 0) return [];
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < count; i++) {
    if (!repeated.has(hashes[i] as number)) continue;
    const key = keyAt(i);
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  }
  return [...byKey.values()].filter((g) => g.length > 1);
}
