import type { Level } from './levels';

/*
 * The row of a pivot level, apart from how groups are built (groups.ts) or given their medians
 * (medianSink.ts), so that both can name it without importing each other.
 */

/** A key position's value: a dictionary code or a year; null for a blank. */
export type KeyCode = number | null;

/** One row of a level: its kept keys and its sums (and, where asked, median and distinct households). */
export interface Group {
  readonly level: Level;
  readonly rowCodes: readonly KeyCode[];
  readonly colCodes: readonly KeyCode[];
  /** A plain array: ten thousand small typed arrays per pivot cost more in garbage collection than their sums. */
  readonly sums: number[];
  median: number | null;
  distinct: number | null;
}

/** A group's key within its level as text (row codes, then column codes), for reading a level in tests. */
export function groupKey(rowCodes: readonly KeyCode[], colCodes: readonly KeyCode[]): string {
  return `${rowCodes.join(',')}|${colCodes.join(',')}`;
}

type Node = Map<KeyCode, unknown>;

/**
 * The groups of one level, found by their key codes through one Map per kept key position. A query
 * row finds its group without building a key string: with ten thousand groups, the key strings and
 * a map of them were half of what a pivot left for the garbage collector, which then cost as much
 * as the query. The groups are listed in the order they were added.
 */
export class LevelMap {
  private readonly root: Node = new Map();
  private only: Group | undefined;
  private readonly list: Group[] = [];
  private readonly depth: number;

  constructor(readonly level: Level) {
    this.depth = level.rows + level.cols;
  }

  get size(): number {
    return this.list.length;
  }

  values(): readonly Group[] {
    return this.list;
  }

  /** The group with these row and column codes (a level's own numbers of each). */
  get(rowCodes: readonly KeyCode[], colCodes: readonly KeyCode[]): Group | undefined {
    const rows = this.level.rows;
    if (this.depth === 0) return this.only;
    let node: Node | undefined = this.root;
    for (let p = 0; p < this.depth - 1 && node; p++) {
      node = node.get((p < rows ? rowCodes[p] : colCodes[p - rows]) ?? null) as Node | undefined;
    }
    const last = this.depth - 1;
    return node?.get((last < rows ? rowCodes[last] : colCodes[last - rows]) ?? null) as Group | undefined;
  }

  /**
   * The group of a query row's key codes: row codes from 0, column codes from `rowDims`. Called for
   * every row and level, hence written out without a callback (a closure per call was garbage too).
   */
  getAt(codes: readonly KeyCode[], rowDims: number): Group | undefined {
    const rows = this.level.rows;
    if (this.depth === 0) return this.only;
    let node: Node | undefined = this.root;
    for (let p = 0; p < this.depth - 1 && node; p++) {
      node = node.get((p < rows ? codes[p] : codes[rowDims + p - rows]) ?? null) as Node | undefined;
    }
    const last = this.depth - 1;
    return node?.get((last < rows ? codes[last] : codes[rowDims + last - rows]) ?? null) as Group | undefined;
  }

  /** Adds a group whose key the level does not have yet. */
  add(g: Group): void {
    const rows = this.level.rows;
    this.list.push(g);
    if (this.depth === 0) {
      this.only = g;
      return;
    }
    let node = this.root;
    for (let p = 0; p < this.depth - 1; p++) {
      const code = (p < rows ? g.rowCodes[p] : g.colCodes[p - rows]) ?? null;
      let next = node.get(code) as Node | undefined;
      if (!next) {
        next = new Map();
        node.set(code, next);
      }
      node = next;
    }
    const last = this.depth - 1;
    node.set((last < rows ? g.rowCodes[last] : g.colCodes[last - rows]) ?? null, g);
  }
}

export type LevelGroups = ReadonlyMap<string, LevelMap>;
