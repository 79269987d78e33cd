import type { RawRow } from '../cell';
import type { ParsedSnapshot } from '../parsedSnapshot';
import type { RowReader } from '../rowReader';
import type { VillageColumn } from '../../columns/villageColumns';
import type { SheetHandler } from './sheetHandler';

/** 村情: villages and their collective income, stored in 元 like every other amount. */
export class VillageSheet implements SheetHandler {
  constructor(private readonly r: RowReader<VillageColumn>, private readonly parsed: ParsedSnapshot) {}

  row(raw: RawRow): void {
    const r = this.r.at(raw);
    const township = r.text('township');
    const village = r.text('village');
    if (township === null) r.error('township', 'value.required', `村情第 ${raw.number} 行：「乡镇」为空。`, '乡镇名称');
    if (village === null) r.error('village', 'value.required', `村情第 ${raw.number} 行：「行政村」为空。`, '行政村名称');
    const areaCode = r.keptKey('areaCode', false);
    const income = r.amount('collectiveIncome');
    const year = r.year('year', false);
    const delistedYear = r.year('delistedYear', false);
    if (township === null || village === null) return;
    this.parsed.villages.push({
      areaCode, township, village, poorVillage: r.yesNo('poorVillage'), delistedYear, year,
      collectiveIncome: Number.isNaN(income) ? null : income,
    });
  }

  end(): void {}
}
