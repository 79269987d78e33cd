import type { PlainColumn, PlainValue, PlainValues } from '../columns/sheetColumn';
import type { RowReader } from './rowReader';

/**
 * The values of a sheet's plain columns (sheetColumn.ts), read by their kind alone; undefined for
 * a sheet that has none, so that its rows carry nothing more.
 */
export function readPlainValues(r: RowReader<string>, plain: readonly PlainColumn[]): PlainValues | undefined {
  if (plain.length === 0) return undefined;
  const out: Record<string, PlainValue> = {};
  for (const c of plain) {
    switch (c.kind) {
      case 'text': out[c.field] = r.text(c.key); break;
      case 'label': out[c.field] = r.text(c.key); break;
      case 'date': out[c.field] = r.date(c.key); break;
      case 'flag': out[c.field] = r.yesNo(c.key); break;
      case 'year': out[c.field] = r.year(c.key, false); break;
      case 'quantity': out[c.field] = r.quantity(c.key); break;
    }
  }
  return out;
}
