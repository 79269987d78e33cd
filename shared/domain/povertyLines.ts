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

const NBS = '国家统计局农村贫困标准（2010年价格每人每年2300元）的当年现价';
const COMMON = '县级常用值（国家统计局未另行公布，请按本省文件核对）';
const MONITORING = '防返贫监测范围常用值（约为原贫困线的1.5倍），请按本省当年文件确认';

/** The shipped national set, each year with where its value comes from (shown in 标准设置). */
export const NATIONAL_LINES: readonly (LineYear & { readonly source: string })[] = [
  { year: 2011, povertyLine: 2536, monitoringThreshold: null, source: NBS },
  { year: 2012, povertyLine: 2625, monitoringThreshold: null, source: NBS },
  { year: 2013, povertyLine: 2736, monitoringThreshold: null, source: NBS },
  { year: 2014, povertyLine: 2800, monitoringThreshold: null, source: NBS },
  { year: 2015, povertyLine: 2855, monitoringThreshold: null, source: NBS },
  { year: 2016, povertyLine: 2952, monitoringThreshold: null, source: NBS },
  { year: 2017, povertyLine: 2952, monitoringThreshold: null, source: COMMON },
  { year: 2018, povertyLine: 2995, monitoringThreshold: null, source: COMMON },
  { year: 2019, povertyLine: 3218, monitoringThreshold: null, source: COMMON },
  { year: 2020, povertyLine: 4000, monitoringThreshold: null, source: COMMON },
  { year: 2021, povertyLine: null, monitoringThreshold: 6000, source: MONITORING },
];

/**
 * Provincial standards a user can start a set from (标准设置 → 按省定标准填入). Only values with a
 * published source; later years are left for the user to enter from the province's notices.
 */
export const PROVINCIAL_PRESETS: readonly {
  readonly key: string;
  readonly label: string;
  readonly region: string;
  readonly years: readonly (LineYear & { readonly source: string })[];
}[] = [
  {
    key: 'jiangsu',
    label: '江苏省定标准',
    region: '江苏省',
    years: [2016, 2017, 2018, 2019, 2020].map((year) => ({
      year, povertyLine: 6000, monitoringThreshold: null,
      source: '江苏省“十三五”扶贫标准：农村低收入人口年人均收入6000元',
    })),
  },
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
