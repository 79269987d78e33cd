import { Resvg } from '@resvg/resvg-js';
import type { ReportChart } from '../model';
import { CHART_WIDTH, chartHeight, chartSvg } from './chartSvg';
import { SANS_FAMILY, reportFonts } from './fonts';

/** Width of a chart on the page: the type area of A4 with the 公文 margins is 156 mm. */
export const CHART_WIDTH_MM = 150;
const DPI = 300;

/** The chart as a PNG at 300 dpi for DOCX (resvg with the bundled font, no system fonts). */
export function chartPng(chart: ReportChart): { png: Buffer; widthPx: number; heightPx: number; svgWidth: number; svgHeight: number } {
  const height = chartHeight(chart);
  const svg = chartSvg(chart, CHART_WIDTH, height);
  const widthPx = Math.round((CHART_WIDTH_MM / 25.4) * DPI);
  // Only the sans faces: resvg parses every file it is given for each chart.
  const fonts = reportFonts().filter((f) => f.family === SANS_FAMILY);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: widthPx },
    background: '#ffffff',
    font: {
      fontFiles: fonts.map((f) => f.file),
      loadSystemFonts: fonts.length === 0,
      defaultFontFamily: SANS_FAMILY,
      sansSerifFamily: SANS_FAMILY,
    },
  });
  const image = resvg.render();
  return { png: image.asPng(), widthPx: image.width, heightPx: image.height, svgWidth: CHART_WIDTH, svgHeight: height };
}
