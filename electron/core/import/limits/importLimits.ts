const MIB = 1024 * 1024;

/**
 * How far an import source may go before it is refused with a located message. A county export
 * is far inside every one of them (the 300,000-household bench county: 2.2 GB of sheet XML
 * compressed 6–9 : 1, rows of ≤ 40 columns); a hostile or broken file reaches one in seconds
 * instead of padding arrays, inflating gigabytes or parsing for minutes (issue 17).
 */
export const IMPORT_LIMITS = {
  /** Excel's own limit on the characters in one cell. */
  cellChars: 32_767,
  /** Excel's grid: columns A … XFD and rows 1 … 1,048,576. */
  columns: 16_384,
  rows: 1_048_576,
  /**
   * One row's XML in the reader's hands (40 full cells are ≈ 4 MB of UTF-8), and one CSV line in
   * characters: the template's longest row, 45 columns of 32,767 characters, is 1.5 million.
   */
  rowBytes: 16 * MIB,
  csvLineChars: 2 * MIB,
  /** Shared strings of a workbook: entries, and their characters in total. */
  sharedStrings: 8_000_000,
  sharedStringChars: 512 * MIB,
  /** Sheets of a workbook and entries of a zip (the template has six sheets). */
  sheets: 255,
  zipEntries: 10_000,
  /**
   * Inflated bytes per compressed byte, per entry and over the whole file: real sheets compress
   * 4–10 : 1, deflate's most is ≈ 1,030 : 1 (a zip bomb). The small allowance lets tiny parts
   * (a 2 KB workbook.xml of repeated tags) compress as well as they like.
   */
  inflateRatio: 100,
  inflateAllowance: 4 * MIB,
  /**
   * The largest amount in 元 a cell may give (a household's income of a year, a measure's funds, a
   * village's collective income): beyond it a figure is a typo or a hostile file (1e308 made a
   * per-capita income of 7.9e305 元) and would swamp every sum it enters.
   */
  amountYuan: 1e9,
  /** Errors listed one by one before the rest are only counted. */
  errorsListed: 1_000,
} as const;

export type ImportLimits = { -readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** The bytes an entry of `compressed` bytes may inflate to. */
export function inflateBudget(compressed: number, limits: ImportLimits = IMPORT_LIMITS): number {
  return compressed * limits.inflateRatio + limits.inflateAllowance;
}

/** A number with thousands separators, as the messages write limits. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
