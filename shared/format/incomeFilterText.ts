import type { PivotIncomeFilter } from '../api/pivot';
import { countText as count } from './countText';

/** The households an implied income year took out of 户数/人数 (the chip's count). */
export function removedHouseholds(f: PivotIncomeFilter): number {
  return f.households - f.keptHouseholds;
}

/** The chip's words, the same on the page and in an export's 口径 block. */
export function incomeFilterText(f: PivotIncomeFilter): string {
  const how = f.source === 'latest' ? '未指定收入年度，取最新年度' : '分析设置的收入年度';
  if (f.year === null) return `${how}：快照中没有收入记录，${count(f.households)} 户全部未计入`;
  const removed = removedHouseholds(f);
  const head = `${how} ${f.year}：只计当年有收入记录的户`;
  if (removed === 0) return `${head}（${count(f.households)} 户都有，未去掉任何户）`;
  return `${head}，去掉 ${count(removed)} 户 ${count(f.persons - f.keptPersons)} 人`
    + `（${count(f.households)} 户中没有 ${f.year} 年收入记录的）`;
}
