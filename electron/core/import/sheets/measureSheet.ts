import { classOfMeasure } from '../../../../shared/domain/measureClasses';
import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import type { MeasureColumn } from '../sheetSchemas';
import type { SheetHandler } from './sheetHandler';

/** 帮扶措施: the class (domain.md) of each measure is fixed here; an unknown measure keeps its name. */
export class MeasureSheet implements SheetHandler {
  private readonly names = new Map<string, string>();
  constructor(private readonly r: RowReader<MeasureColumn>, private readonly parsed: ParsedSnapshot) {}

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const code = r.key('code', true);
    const year = r.year('year', false);
    const name = r.text('name');
    if (name === null) r.error('name', 'value.required', `帮扶措施第 ${raw.number} 行：「措施类别」为空。`, '帮扶措施名称');
    const measureClass = name === null ? null : classOfMeasure(name);
    if (name !== null && measureClass === null) {
      r.warning('name', 'measure.unknown', `帮扶措施第 ${raw.number} 行：措施“${name}”不在措施分类表中，已原样保留，不参与按措施的脱贫归因。`,
        '就业帮扶、产业帮扶、综合保障等');
    }
    const amount = r.amount('amount');
    if (code === null || name === null) return;
    this.parsed.noteYear(year);
    this.parsed.measures.push({
      householdCode: this.parsed.index.intern(code), year, name: this.canonicalName(name), measureClass,
      content: this.parsed.pooled(r.text('content')), amount: Number.isNaN(amount) ? null : amount, sourceRow: raw.number,
    });
  }

  end(): void {}

  /** One string per distinct measure name, however many rows name it. */
  private canonicalName(name: string): string {
    let c = this.names.get(name);
    if (c === undefined) {
      c = name.normalize('NFKC').replace(/\s+/g, '');
      this.names.set(name, c);
    }
    return c;
  }
}
