import type { Db } from '../../db/database';
import type { DimensionDef } from '../../../../shared/semantic/types';

export interface DictEntry {
  readonly code: number;
  /** What the output shows. */
  readonly label: string;
  /** The bare name a filter may also use (a village's name without its township). */
  readonly name: string;
}

/** One dimension's values: code = position in the catalogue's value order. */
export interface DimensionDictionary {
  readonly entries: readonly DictEntry[];
  /** Label or bare name → codes (a bare village name may match villages of several townships). */
  readonly byText: ReadonlyMap<string, readonly number[]>;
}

/** Dimension key → its values, for one snapshot's fact tables. */
export type PivotDictionary = ReadonlyMap<string, DimensionDictionary>;

const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function dictionaryOf(entries: readonly DictEntry[]): DimensionDictionary {
  const byText = new Map<string, number[]>();
  const add = (text: string, code: number): void => {
    const list = byText.get(text) ?? [];
    if (!list.includes(code)) list.push(code);
    byText.set(text, list);
  };
  for (const e of entries) {
    add(e.label, e.code);
    add(e.name, e.code);
  }
  return { entries, byText };
}

/**
 * Orders the values present in the data the way the catalogue says: a closed list keeps all its
 * labels (so codes never move); a code list puts its own labels first, in list order, and values
 * outside it after them by name (they are kept, never mapped to 其他); names sort by pinyin.
 */
export function orderedLabels(dimension: DimensionDef, present: Iterable<string>): string[] {
  const values = new Set(present);
  const order = dimension.order;
  if (order.kind === 'fixed') {
    const extra = [...values].filter((v) => !order.labels.includes(v)).sort(compareNames);
    return [...order.labels, ...extra];
  }
  if (order.kind === 'codeList') {
    const known = order.labels.filter((l) => values.has(l));
    const extra = [...values].filter((v) => !order.labels.includes(v)).sort(compareNames);
    return [...known, ...extra];
  }
  return [...values].sort(compareNames);
}

export function entriesFromLabels(labels: readonly string[]): DictEntry[] {
  return labels.map((label, code) => ({ code, label, name: label }));
}

export function saveDictionary(db: Db, snapshotId: number, dimensionKey: string, entries: readonly DictEntry[]): void {
  const insert = db.prepare(`INSERT INTO pivot_dict(snapshot_id, dimension, code, label, name) VALUES (?, ?, ?, ?, ?)`);
  for (const e of entries) insert.run(snapshotId, dimensionKey, e.code, e.label, e.name);
}

export function loadDictionary(db: Db, snapshotId: number): PivotDictionary {
  const rows = db.prepare(`SELECT dimension, code, label, name FROM pivot_dict WHERE snapshot_id = ? ORDER BY dimension, code`)
    .raw().all(snapshotId) as [string, number, string, string][];
  const grouped = new Map<string, DictEntry[]>();
  for (const [dimension, code, label, name] of rows) {
    const list = grouped.get(dimension) ?? [];
    list.push({ code, label, name });
    grouped.set(dimension, list);
  }
  return new Map([...grouped].map(([k, v]) => [k, dictionaryOf(v)]));
}
