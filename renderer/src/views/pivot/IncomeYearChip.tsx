import type { ReactNode } from 'react';
import type { PivotIncomeFilter } from '../../../../shared/api/pivot';
import { incomeFilterText, removedHouseholds } from '../../../../shared/format/incomeFilterText';
import { formatCount } from '../../format/numbers';

/**
 * The income year an income measure brings in, shown as the filter it is: 户数 and 人数 then count
 * only the households with an income row of that year, and the chip says how many that took away.
 * It goes when the income measure goes; the year itself is set in the toolbar (收入年度).
 */
export function IncomeYearChip({ filter }: { readonly filter: PivotIncomeFilter }): ReactNode {
  const removed = removedHouseholds(filter);
  const year = filter.year === null ? '无收入记录' : `${filter.year}${filter.source === 'latest' ? '（最新）' : ''}`;
  return (
    <span className={`pivot-chip income-year${removed > 0 ? ' removes' : ''}`} data-testid="chip-income-year" title={incomeFilterText(filter)}>
      <span className="pivot-chip-label">
        收入年度 {year}：{removed > 0 ? `去掉当年无收入记录的 ${formatCount(removed)} 户` : '未去掉任何户'}
      </span>
    </span>
  );
}
