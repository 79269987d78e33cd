import { formatAmount, formatCount, formatShare } from '../../format/numbers';

/**
 * Chinese number habits on top of format/numbers.ts. County reports write persons and households
 * exactly ("9964人") until they reach ten-thousands of ten-thousands; from 10万 on they write 万
 * with two decimals ("103.22万人"). Screens keep thousands separators; report sentences do not.
 */
const MISSING = '—';
const WAN = 10_000;
/** From here on a count is written in 万 (a county of 300,000 households: "30万户"). */
export const WAN_FROM = 100_000;

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function finite(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

/** 12,345 → "12,345"; 1,032,233 → "103.22万". For headline cards and chart labels. */
export function formatCountWan(value: number | null | undefined, fractionDigits = 2): string {
  if (!finite(value)) return MISSING;
  if (Math.abs(value) >= WAN_FROM) return `${trimZeros((value / WAN).toFixed(fractionDigits))}万`;
  return formatCount(value);
}

/** The value and its unit split, for a card that sets the unit in small type: [ "103.22", "万人" ]. */
export function splitCountWan(value: number | null | undefined, unit: string, fractionDigits = 2): [string, string] {
  if (!finite(value)) return [MISSING, unit];
  if (Math.abs(value) >= WAN_FROM) return [trimZeros((value / WAN).toFixed(fractionDigits)), `万${unit}`];
  return [formatCount(value), unit];
}

/** As official documents write a count in running text: no separators; 万 from 10万 on. */
export function officialCount(value: number | null | undefined): string {
  if (!finite(value)) return MISSING;
  if (Math.abs(value) >= WAN_FROM) return `${trimZeros((value / WAN).toFixed(2))}万`;
  return String(Math.round(value));
}

/** 元 in running text: whole 元 without separators ("9123元"); 万元 from 10万 on. */
export function officialYuan(value: number | null | undefined): string {
  if (!finite(value)) return MISSING;
  if (Math.abs(value) >= WAN_FROM) return `${trimZeros((value / WAN).toFixed(2))}万元`;
  return `${Math.round(value)}元`;
}

/** A share in running text: "27.5%". */
export function officialShare(value: number | null | undefined, fractionDigits = 1): string {
  return formatShare(value, fractionDigits);
}

/** 人均纯收入 and other per-capita 元: separators, no decimals. */
export function formatYuan(value: number | null | undefined): string {
  return formatAmount(value, 0);
}

/** An axis tick: 12000 → "1.2万", 800 → "800", 0.35 stays a number (shares use formatAxisShare). */
export function formatAxisWan(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Math.abs(value) >= WAN) return `${trimZeros((value / WAN).toFixed(1))}万`;
  return formatCount(value);
}

export function formatAxisShare(value: number): string {
  return Number.isFinite(value) ? `${trimZeros((value * 100).toFixed(1))}%` : '';
}

/** A signed change in 元: "+1,234" / "−56". */
export function formatSignedYuan(value: number | null | undefined): string {
  if (!finite(value)) return MISSING;
  const text = formatAmount(Math.abs(value), 0);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** "2014—2023年", or "2020年" when both ends are the same year; "—" without years. */
export function formatYearSpan(from: number | null | undefined, to: number | null | undefined): string {
  if (!finite(from) && !finite(to)) return MISSING;
  if (!finite(from)) return `${to}年`;
  if (!finite(to) || from === to) return `${from}年`;
  return `${from}—${to}年`;
}
