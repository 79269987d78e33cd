import { lineForYear } from '../../../shared/domain/povertyLines';
import type { LineDecrease, StandardYear } from '../../../shared/api/standards';

/**
 * Years whose line L(Y) (the poverty line, from 2021 the monitoring threshold) is lower than the
 * nearest earlier year's that has one. A standard that goes down is possible (a province lowering
 * its own line) but is far more often a typing slip, so saving it needs a confirmation.
 */
export function lineDecreases(years: readonly StandardYear[]): LineDecrease[] {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const out: LineDecrease[] = [];
  let previous: { year: number; line: number } | null = null;
  for (const y of sorted) {
    const line = lineForYear(sorted, y.year);
    if (line === null) continue;
    if (previous && line < previous.line) {
      out.push({ year: y.year, previousYear: previous.year, line, previousLine: previous.line });
    }
    previous = { year: y.year, line };
  }
  return out;
}

export function decreaseMessage(decreases: readonly LineDecrease[]): string {
  const parts = decreases.map((d) => `${d.year}年 ${d.line} 元低于${d.previousYear}年 ${d.previousLine} 元`);
  return `标准逐年下降：${parts.join('；')}。请核对；确属下调请确认后保存。`;
}
