/**
 * Poverty lines and monitoring thresholds (domain.md), 元 per person per year, current prices.
 * These are only the shipped defaults: the line set in use is a per-snapshot setting and every
 * value is editable in the app.
 */
export interface LineYear {
  readonly year: number;
  /** 贫困线 (national or provincial); from 2021 null, the monitoring threshold takes its place. */
  readonly povertyLine: number | null;
  /** 防返贫监测范围; null before 2021 and for years the user has not confirmed yet. */
  readonly monitoringThreshold: number | null;
}

export const LINE_SET_NAMES = ['national', 'provincial', 'custom'] as const;
export type LineSetName = (typeof LINE_SET_NAMES)[number];

export const LINE_SET_LABELS: Readonly<Record<LineSetName, string>> = {
  national: '国家标准',
  provincial: '省定标准',
  custom: '自定义',
};

export const NATIONAL_LINES: readonly LineYear[] = [
  { year: 2011, povertyLine: 2536, monitoringThreshold: null },
  { year: 2012, povertyLine: 2625, monitoringThreshold: null },
  { year: 2013, povertyLine: 2736, monitoringThreshold: null },
  { year: 2014, povertyLine: 2800, monitoringThreshold: null },
  { year: 2015, povertyLine: 2855, monitoringThreshold: null },
  { year: 2016, povertyLine: 2952, monitoringThreshold: null },
  { year: 2017, povertyLine: 2952, monitoringThreshold: null },
  { year: 2018, povertyLine: 2995, monitoringThreshold: null },
  { year: 2019, povertyLine: 3218, monitoringThreshold: null },
  { year: 2020, povertyLine: 4000, monitoringThreshold: null },
  { year: 2021, povertyLine: null, monitoringThreshold: 6000 },
];

/**
 * The line L(Y) that exit attribution and income risk compare against: the poverty line up to
 * 2020, the monitoring threshold from 2021 (when the user has entered one).
 */
export function lineForYear(lines: readonly LineYear[], year: number): number | null {
  const row = lines.find((l) => l.year === year);
  if (!row) return null;
  return row.povertyLine ?? row.monitoringThreshold;
}
