import type { ReportMode } from '../../../shared/api/report';
import {
  SUPPRESSED, growthText, householdsText, isSmallCount, percentText, personsText, tableInteger, yuanText,
} from './numberFormat';
import type { TableCell } from './model';

/**
 * The number formats of report.md bound to a privacy mode: in circulation a count of 1 or 2 (户 or
 * 人) is written "<3", in the text, the tables and the chart labels alike.
 */
export interface ReportFormatter {
  readonly mode: ReportMode;
  persons(n: number, unit?: '人' | '人次'): string;
  households(n: number, unit?: '户' | '户次'): string;
  percent(x: number): string;
  yuan(x: number): string;
  growth(x: number): string;
  /** A count cell of a table. */
  countCell(n: number): TableCell;
  yuanCell(x: number | null, basePersons?: number): TableCell;
  /** A share or rate cell; hidden with its count when that count is small. */
  percentCell(x: number | null, baseCount?: number): TableCell;
  textCell(s: string): TableCell;
  /** The label a chart prints over a count. */
  countLabel(n: number): string;
  hides(n: number): boolean;
}

const hidden: TableCell = { value: SUPPRESSED, text: SUPPRESSED, suppressed: true };
const blank: TableCell = { value: null, text: '—', suppressed: false };

export function reportFormatter(mode: ReportMode): ReportFormatter {
  const hides = (n: number): boolean => mode === 'circulation' && isSmallCount(n);
  return {
    mode,
    hides,
    persons: (n, unit = '人') => (hides(n) ? `${SUPPRESSED}${unit}` : personsText(n, unit)),
    households: (n, unit = '户') => (hides(n) ? `${SUPPRESSED}${unit}` : householdsText(n, unit)),
    percent: percentText,
    yuan: yuanText,
    growth: growthText,
    countCell: (n) => (hides(n) ? hidden : { value: n, text: tableInteger(n), suppressed: false }),
    yuanCell: (x, basePersons) => {
      if (x === null) return blank;
      if (basePersons !== undefined && hides(basePersons)) return hidden;
      return { value: Math.round(x), text: tableInteger(x), suppressed: false };
    },
    percentCell: (x, baseCount) => {
      if (x === null) return blank;
      if (baseCount !== undefined && hides(baseCount)) return hidden;
      return { value: x, text: percentText(x), suppressed: false };
    },
    textCell: (s) => ({ value: s, text: s, suppressed: false }),
    countLabel: (n) => (hides(n) ? SUPPRESSED : String(n)),
  };
}
