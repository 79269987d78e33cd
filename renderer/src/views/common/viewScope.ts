import type { MetricFilter, MetricScopeRequest } from '../../../../shared/api/metricScope';

/**
 * What every analysis view is looking at besides the snapshot (which belongs to the whole page):
 * a year range, a township or one of its villages, and the line set. It lives in the address hash
 * (`#/income?from=2016&to=2020&town=城关镇&lines=provincial`) so a view reopens as it was and a
 * colleague can be sent the same figures.
 */
export interface ViewScope {
  readonly from: number | null;
  readonly to: number | null;
  readonly township: string | null;
  readonly village: string | null;
  /** null: the snapshot's own line set. */
  readonly lineSet: string | null;
}

export const EMPTY_SCOPE: ViewScope = { from: null, to: null, township: null, village: null, lineSet: null };

/** The hash parameter of each scope field. */
export const SCOPE_PARAMS = { from: 'from', to: 'to', township: 'town', village: 'village', lineSet: 'lines' } as const;

function year(text: string | null): number | null {
  if (text === null || !/^\d{4}$/.test(text)) return null;
  return Number(text);
}

function text(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}

export function scopeFromParams(params: URLSearchParams): ViewScope {
  const from = year(params.get(SCOPE_PARAMS.from));
  const to = year(params.get(SCOPE_PARAMS.to));
  const township = text(params.get(SCOPE_PARAMS.township));
  return {
    // A reversed range is read as meant, not refused.
    from: from !== null && to !== null && from > to ? to : from,
    to: from !== null && to !== null && from > to ? from : to,
    township,
    // A village is only meaningful inside its township.
    village: township === null ? null : text(params.get(SCOPE_PARAMS.village)),
    lineSet: text(params.get(SCOPE_PARAMS.lineSet)),
  };
}

/** The hash parameters of a scope change: null removes a parameter. */
export function scopeToParams(scope: ViewScope): Record<string, string | null> {
  return {
    [SCOPE_PARAMS.from]: scope.from === null ? null : String(scope.from),
    [SCOPE_PARAMS.to]: scope.to === null ? null : String(scope.to),
    [SCOPE_PARAMS.township]: scope.township,
    [SCOPE_PARAMS.village]: scope.township === null ? null : scope.village,
    [SCOPE_PARAMS.lineSet]: scope.lineSet,
  };
}

export function scopeFilter(scope: ViewScope): MetricFilter | undefined {
  if (scope.township === null) return undefined;
  return scope.village === null ? { townships: [scope.township] }
    : { townships: [scope.township], villages: [scope.village] };
}

/** The metrics request for a scope: only what is set, so an untouched view asks for the defaults. */
export function metricScope(snapshotId: number, scope: ViewScope): MetricScopeRequest {
  const filter = scopeFilter(scope);
  const years = scope.from !== null || scope.to !== null
    ? { ...(scope.from !== null ? { from: scope.from } : {}), ...(scope.to !== null ? { to: scope.to } : {}) }
    : undefined;
  return {
    snapshotId,
    ...(scope.lineSet !== null ? { lineSet: scope.lineSet } : {}),
    ...(filter ? { filter } : {}),
    ...(years ? { years } : {}),
  };
}

/** "城关镇 · 东村" / "全县": the area of a scope in words (the API's own filterText is the 口径). */
export function scopeAreaText(scope: ViewScope): string {
  if (scope.township === null) return '全县';
  return scope.village === null ? scope.township : `${scope.township} · ${scope.village}`;
}

/** The years a view offers: from the first year of 建档立卡 data to the snapshot's year. */
export function selectableYears(asOf: string, first = 2013): number[] {
  const last = Number(asOf.slice(0, 4));
  const end = Number.isInteger(last) && last >= first ? last : first;
  const years: number[] = [];
  for (let y = first; y <= end; y += 1) years.push(y);
  return years;
}
