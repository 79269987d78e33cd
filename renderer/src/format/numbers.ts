/**
 * Number formats of the workstation, zh-CN: thousands separators, 元 without decimals unless
 * asked, shares as percentages. A missing value shows as "—", never as 0.
 */
import { countText } from '../../../shared/format/countText';

const MISSING = '—';

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? MISSING : countText(value);
}

export function formatAmount(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return new Intl.NumberFormat('zh-CN', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** A fraction (0.352) as a percentage ("35.2%"). */
export function formatShare(value: number | null | undefined, fractionDigits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${(value * 100).toFixed(fractionDigits)}%`;
}

/** "2023-12-31" as "2023年12月31日". */
export function formatDateZh(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}
