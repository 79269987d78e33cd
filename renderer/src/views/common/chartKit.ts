import type { EChartsOption } from 'echarts';
import { formatCount } from '../../format/numbers';
import { formatAxisShare, formatAxisWan, formatYuan } from './zhNumbers';

/**
 * The pieces every view's chart is built from, so that all charts read alike: tooltips that give
 * the exact figure with its unit and end with the 口径, axes in 万 where counts grow large,
 * legends that scroll instead of overlapping at 1366×768.
 */

export type ValueKind = 'count' | 'yuan' | 'share' | 'months';

export interface SeriesFormat {
  readonly kind: ValueKind;
  /** 户, 人, 元, 户次 … shown after the figure. */
  readonly unit?: string;
  /** Outflows drawn below the axis are still read as positive figures. */
  readonly absolute?: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** An exact figure for a tooltip: counts whole, 元 whole, shares to two decimals of a per cent. */
export function exactValue(raw: unknown, format: SeriesFormat): string {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return '—';
  const value = format.absolute ? Math.abs(raw) : raw;
  switch (format.kind) {
    case 'share':
      return `${(value * 100).toFixed(2)}%`;
    case 'yuan':
      return `${formatYuan(value)} ${format.unit ?? '元'}`;
    case 'months':
      return `${formatCount(value)} ${format.unit ?? '个月'}`;
    default:
      return `${formatCount(value)} ${format.unit ?? ''}`.trim();
  }
}

/** The tooltip's foot: what the figures count. */
function footer(koujingLine: string | undefined): string {
  return koujingLine ? `<div class="chart-tip-koujing">${escapeHtml(koujingLine)}</div>` : '';
}

interface TooltipParam {
  readonly seriesName?: string;
  readonly name?: string;
  readonly value?: unknown;
  readonly data?: unknown;
  readonly marker?: unknown;
  readonly axisValueLabel?: string;
  readonly seriesIndex?: number;
}

function paramValue(p: TooltipParam): unknown {
  const v = p.value;
  if (Array.isArray(v)) return v[v.length - 1];
  return v;
}

/**
 * An axis tooltip: the category, then every series with its exact figure, then the 口径 line.
 * `formats` maps a series name to its format (default: the first entry's).
 */
export function axisTooltip(
  formats: Readonly<Record<string, SeriesFormat>> | SeriesFormat,
  koujingLine?: string,
  pointer: 'shadow' | 'line' = 'shadow',
): EChartsOption['tooltip'] {
  const formatOf = (name: string | undefined): SeriesFormat =>
    'kind' in formats ? (formats as SeriesFormat) : ((formats as Record<string, SeriesFormat>)[name ?? ''] ?? { kind: 'count' });
  return {
    trigger: 'axis',
    axisPointer: { type: pointer },
    confine: true,
    formatter: (raw: unknown) => {
      const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
      const head = params[0]?.axisValueLabel ?? params[0]?.name ?? '';
      const rows = params
        .filter((p) => paramValue(p) !== null && paramValue(p) !== undefined && p.seriesName)
        .map((p) => `<div class="chart-tip-row">${typeof p.marker === 'string' ? p.marker : ''}<span>${escapeHtml(p.seriesName ?? '')}</span><b>${escapeHtml(exactValue(paramValue(p), formatOf(p.seriesName)))}</b></div>`)
        .join('');
      return `<div class="chart-tip"><div class="chart-tip-head">${escapeHtml(String(head))}</div>${rows}${footer(koujingLine)}</div>`;
    },
  };
}

/** An item tooltip with lines of its own (a heat-map cell, a Sankey link, a bar with a share). */
export function itemTooltip(describe: (param: TooltipParam) => readonly string[], koujingLine?: string): EChartsOption['tooltip'] {
  return {
    trigger: 'item',
    confine: true,
    formatter: (raw: unknown) => {
      const p = raw as TooltipParam;
      const [head = '', ...rest] = describe(p);
      return `<div class="chart-tip"><div class="chart-tip-head">${escapeHtml(head)}</div>${rest.map((line) => `<div class="chart-tip-row">${escapeHtml(line)}</div>`).join('')}${footer(koujingLine)}</div>`;
    },
  };
}

/** A value axis whose labels use 万 for large counts and amounts, or per cent for shares. */
export function valueAxis(name: string, kind: ValueKind, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'value',
    name,
    nameTextStyle: { color: '#4a5868', align: 'left' },
    axisLabel: { formatter: kind === 'share' ? formatAxisShare : formatAxisWan },
    // Households, persons and months come whole: a tick at 0.5 would read "1" twice on small counts.
    ...(kind === 'count' || kind === 'months' ? { minInterval: 1 } : {}),
    ...extra,
  };
}

/** A category axis of years or names that never drops a label: long names wrap or turn. */
export function categoryAxis(
  data: readonly (string | number)[], extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'category', data: data.map(String), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, hideOverlap: false }, ...extra };
}

/**
 * A legend across the top. It wraps onto a second line when the categories do not fit (give the
 * grid `top: LEGEND_TWO_LINES`), rather than hiding items behind a pager.
 */
export function topLegend(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'plain', top: 0, left: 0, right: 0, itemWidth: 14, itemHeight: 10, itemGap: 12, textStyle: { fontSize: 12 }, ...extra };
}

/** Grid tops that leave room for a one-line or two-line legend and the value axis's name above it. */
export const LEGEND_ONE_LINE = 58;
export const LEGEND_TWO_LINES = 80;

/** Room for a top legend and the axis names; labels are kept inside by ECharts' outer bounds. */
export function standardGrid(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { left: 8, right: 16, top: LEGEND_ONE_LINE, bottom: 8, containLabel: true, ...extra };
}
