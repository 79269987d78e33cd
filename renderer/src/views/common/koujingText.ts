import type { Koujing, LineValue } from '../../../../shared/api/metricScope';
import { formatDateZh } from '../../format/numbers';
import { formatYearSpan } from './zhNumbers';

/**
 * The 口径 object of a metric in words: the same facts everywhere a figure is shown (the block
 * under the controls, a chart's tooltip, a card's note), so that nobody quotes a figure without
 * what it counts.
 */

/** "青山县 · 截至2023年12月31日 · 快照 #1": which data. */
export function koujingSource(k: Koujing): string {
  return `${k.county} · 截至${formatDateZh(k.asOf)} · 快照 #${k.snapshotId}`;
}

/** "2014—2023年 · 全县 · 截面：当年有收入记录的全部户 · 国家标准": which figures. */
export function koujingScope(k: Koujing): string {
  return [formatYearSpan(k.years.from, k.years.to), k.filterText, k.population.label, k.lineSet.label].filter((s) => s && s !== '—').join(' · ');
}

/** One line for a tooltip's foot. */
export function koujingTooltipLine(k: Koujing): string {
  return `口径：${koujingScope(k)}；${k.population.personsLabel}`;
}

/** "2014年 2,800元；…；2021年 监测标准 6,000元". */
export function linesText(lines: readonly LineValue[]): string {
  return lines
    .filter((l) => l.line !== null)
    .map((l) => {
      const value = new Intl.NumberFormat('zh-CN').format(l.line as number);
      return l.povertyLine === null && l.monitoringThreshold !== null ? `${l.year}年 监测标准 ${value}元` : `${l.year}年 ${value}元`;
    })
    .join('；');
}
