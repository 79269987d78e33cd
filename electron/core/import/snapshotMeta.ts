import type { SnapshotMeta } from '../db/snapshotRows';
import type { IssueCollector } from './issueCollector';
import type { ParsedSnapshot } from './parsedSnapshot';
import type { SourceFacts } from './readers/importSource';

/**
 * The snapshot's county and as-of date.
 * - County: the 县 column; a snapshot is one county, so two names are an error. Its code is the
 *   first 6 digits of the 12-digit 行政区划代码 (the most common, with a warning when they differ).
 * - As-of date: the export date of a title row ("导出时间：2023年12月31日"); else 31 December of
 *   the latest year any row speaks of (income, events, exits, monitoring dates) — an export is
 *   made after the year it reports; else the file's own date.
 */
export function snapshotMetaOf(
  parsed: ParsedSnapshot, source: SourceFacts, options: { keepNames: boolean; lineSet?: string },
  issues: IssueCollector,
): SnapshotMeta | null {
  const counties = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const h of parsed.households) {
    counties.set(h.county, (counties.get(h.county) ?? 0) + 1);
    if (h.areaCode && /^\d{12}$/.test(h.areaCode)) {
      const c = h.areaCode.slice(0, 6);
      codes.set(c, (codes.get(c) ?? 0) + 1);
    }
  }
  const where = parsed.sheets.find((s) => s.kind === 'households');
  const at = { file: where?.file ?? source.sourceName, sheet: where?.sheet ?? null, row: null, column: '县' };
  if (counties.size > 1) {
    const list = [...counties].map(([name, n]) => `${name}（${n} 户）`).join('、');
    issues.error('county.multiple', `一个快照只能是一个县的数据，这里有 ${counties.size} 个县：${list}。请按县分别导出、分别导入。`, at, list, '一个县');
    return null;
  }
  const countyName = [...counties.keys()][0];
  if (countyName === undefined) return null;
  const ranked = [...codes].sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1) {
    issues.warning('county.codeMixed', `行政区划代码的前 6 位（县级代码）不一致：${ranked.map(([c, n]) => `${c}（${n} 户）`).join('、')}；快照取 ${ranked[0]?.[0]}。`,
      { ...at, column: '行政区划代码' });
  }
  const titleDate = [...parsed.titleDates].sort().pop();
  const asOf = titleDate ?? (parsed.latestYear > 0 ? `${parsed.latestYear}-12-31` : source.fileDate);
  return {
    countyCode: ranked[0]?.[0] ?? null,
    countyName,
    asOf,
    sourceName: source.sourceName,
    sourceSha256: source.sourceSha256,
    keepNames: options.keepNames,
    eventsDerived: !parsed.hasSheet('events'),
    ...(options.lineSet ? { lineSet: options.lineSet } : {}),
  };
}
