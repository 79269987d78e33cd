import type { Koujing } from '../../../shared/api/metricScope';

/** A metric's 口径 in the short lines a table carries under (DOCX, HTML) or above it (XLSX). */
export function koujingLines(k: Koujing): string[] {
  const years = k.years.from === null ? '全部年度' : k.years.from === k.years.to ? `${k.years.from}年` : `${k.years.from}—${k.years.to}年`;
  return [
    `口径：${k.county}，快照 #${k.snapshotId}（截至 ${k.asOf}），${years}，${k.filterText}；标准：${k.lineSet.label}。`,
    `对象：${k.population.label}；${k.population.personsLabel}。`,
  ];
}

/** Line values as one sentence: 2014年 2800元；2015年 2855元 … */
export function lineValuesText(k: Koujing): string {
  const parts = k.lines.filter((l) => l.line !== null).map((l) => `${l.year}年${Math.round(l.line ?? 0)}元`);
  return parts.length ? parts.join('；') : '（本部分未用到贫困线）';
}
