import type { HouseholdIndex } from '../parsedSnapshot';
import { detachString } from '../values/detachString';

/**
 * The index's ordinal of a 户编号 as a row gives it. That key is a view into the source text
 * (RowReader.key): only a code the index does not know yet is copied before the index keeps it;
 * the rest, a member's or an income row's 户编号, are only looked up. Rows come grouped by
 * household, so the last code is compared before the index's Map is asked.
 */
export class HouseholdCodes {
  private last = '';
  private lastOrdinal = -1;

  constructor(private readonly index: HouseholdIndex) {}

  ordinal(code: string): number {
    if (this.lastOrdinal >= 0 && code === this.last) return this.lastOrdinal;
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
