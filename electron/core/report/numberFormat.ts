/**
 * Numbers as officials write them (report.md, Wording): persons ≥ 10,000 as 万人 with one decimal,
 * percentages with one decimal, 元 without decimals, growth as 增长/下降 X.X% (never a negative growth).
 * Thousands separators only in tables.
 */

/** The small-cell threshold of circulation mode: counts under k persons are shown as "<3". */
export const SMALL_CELL_K = 3;
export const SUPPRESSED = `<${SMALL_CELL_K}`;

/** A count of persons in running text: 12.3万人, or 856人; 人次 where a person counts once per exit event. */
export function personsText(n: number, unit: '人' | '人次' = '人'): string {
  return n >= 10_000 ? `${(n / 10_000).toFixed(1)}万${unit}` : `${Math.round(n)}${unit}`;
}

/** A count of households in running text (户 are written whole; 户次 keep their own word). */
export function householdsText(n: number, unit: '户' | '户次' = '户'): string {
  return `${Math.round(n)}${unit}`;
}

/** A share or rate: 35.2% (the figure is a fraction, 0.352). */
export function percentText(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** 元 without decimals: 9123元. */
export function yuanText(x: number): string {
  return `${Math.round(x)}元`;
}

/** 增长 4.2% or 下降 1.3%: the sign of the rounded figure decides, so -0.04% reads 增长 0.0%. */
export function growthText(x: number): string {
  const rounded = Number((x * 100).toFixed(1));
  return rounded < 0 ? `下降${(-rounded).toFixed(1)}%` : `增长${rounded.toFixed(1)}%`;
}

/** A whole number with thousands separators (tables only). */
export function tableInteger(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A count cell under the small-cell rule: 1 and 2 become "<3" in circulation mode (0 stays 0). */
export function isSmallCount(n: number): boolean {
  return n > 0 && n < SMALL_CELL_K;
}
