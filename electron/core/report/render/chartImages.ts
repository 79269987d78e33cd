import type { ReportChart } from '../model';
import { chartPngsInBrowser } from './chartBrowser';
import { chartPngsWithResvg, type ChartImage } from './chartPng';
import { findChromium } from './chromiumPdf';

/**
 * The report's charts as 300 dpi PNG. The installed browser that prints the PDF draws them several
 * times faster than resvg; a PC without one (`browser` null) gets the same pictures from resvg, slower.
 */
export async function chartImages(
  charts: readonly ReportChart[], browser: string | null = findChromium(),
): Promise<Map<string, ChartImage>> {
  return browser === null ? chartPngsWithResvg(charts) : chartPngsInBrowser(charts, browser);
}
