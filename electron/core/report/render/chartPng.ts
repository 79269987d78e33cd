import { renderAsync } from '@resvg/resvg-js';
import type { ReportChart } from '../model';
import { CHART_WIDTH, chartHeight, chartSvg } from './chartSvg';
import { SANS_FAMILY, reportFonts } from './fonts';

/** Width of a chart on the page: the type area of A4 with the 公文 margins is 156 mm. */
export const CHART_WIDTH_MM = 150;
export const CHART_DPI = 300;

export interface ChartImage {
  readonly png: Buffer;
  readonly widthPx: number;
  readonly heightPx: number;
}

/**
 * The chart as a PNG at 300 dpi for DOCX when no browser is installed: resvg with the bundled sans
 * font and no system fonts. resvg reads the font file anew for each text element (≈ 11 ms of system
 * time for the 10 MB face), so charts are drawn on resvg's worker threads; chartBrowser.ts is faster.
 */
export async function chartPng(chart: ReportChart): Promise<ChartImage> {
  const svg = chartSvg(chart, CHART_WIDTH, chartHeight(chart));
  // Only the sans faces: resvg parses every file it is given for each chart.
  const fonts = reportFonts().filter((f) => f.family === SANS_FAMILY);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round((CHART_WIDTH_MM / 25.4) * CHART_DPI) },
    background: '#ffffff',
    font: {
      fontFiles: fonts.map((f) => f.file),
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: SANS_FAMILY,
      sansSerifFamily: SANS_FAMILY,
    },
  });
  return { png: image.asPng(), widthPx: image.width, heightPx: image.height };
}

/** Every chart of a list drawn at once (resvg renders on libuv's thread pool). */
export async function chartPngsWithResvg(charts: readonly ReportChart[]): Promise<Map<string, ChartImage>> {
  const images = await Promise.all(charts.map((c) => chartPng(c)));
  return new Map(charts.map((c, i) => [c.id, images[i] as ChartImage]));
}
