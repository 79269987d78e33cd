/**
 * The thresholds the report's observations use, stated in the text beside each finding (report.md,
 * 五、存在的问题: "each with its rule and threshold stated").
 */
export const THRESHOLDS = {
  /** A township whose 兜底保障 share of exit persons is above this is named. */
  supportShare: 0.5,
  /** A township whose 年均增长 trails the county's by more than this (fraction, 2 points) is named. */
  incomeLag: 0.02,
  /** Townships with fewer exit persons than this are not judged on their 兜底 share. */
  minExitPersons: 10,
} as const;
