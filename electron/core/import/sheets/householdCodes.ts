import type { HouseholdIndex } from '../parsedSnapshot';
import { detachString } from '../values/detachString';

/**
 * The index's ordinal of a 户编号 as a row of 家庭成员, 收入情况… gives it. That key is a view into
 * the source text (RowReader.key): only a code the index does not know yet is copied before the
 * index keeps it; the rest are only looked up. Rows come grouped by household, and the groups
 * mostly in 户信息's order: the last code, then the next household's, are compared before the
 * index's Map is asked (a lookup in a Map of 300,000 codes is a few cache misses, ~1 µs).
 */
export class HouseholdCodes {
  private last = '';
  private lastOrdinal = -1;

  constructor(private readonly index: HouseholdIndex) {}

  ordinal(code: string): number {
    if (this.lastOrdinal >= 0) {
      if (code === this.last) return this.lastOrdinal;
      // Undefined past the last code, and then unequal.
      const next: string | undefined = this.index.code(this.lastOrdinal + 1);
      if (code === next) {
        this.last = next;
        return ++this.lastOrdinal;
      }
    }
    const o = this.index.lookup(code) ?? this.index.ordinal(detachString(code));
    this.last = this.index.code(o);
    this.lastOrdinal = o;
    return o;
  }

  /** The code string the index holds (one string per household, shared by its rows). */
  intern(code: string): string {
    return this.index.code(this.ordinal(code));
  }
}
