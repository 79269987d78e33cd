import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

/**
 * The report's bundled CJK fonts (npm @expo-google-fonts/noto-{sans,serif}-sc: the Google Fonts TTF
 * files, which resvg reads, unlike the woff2 of @fontsource). Charts are drawn with them and the PDF
 * embeds them, so a page looks the same on every PC. DOCX only names the 公文 fonts (report.md).
 */
export interface ReportFont {
  /** The CSS family name (the name inside the file, which resvg matches). */
  readonly family: string;
  readonly weight: 400 | 700;
  readonly file: string;
}

const require_ = createRequire(__filename);

const BUNDLED = [
  { family: 'Noto Sans SC', weight: 400, module: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf' },
  { family: 'Noto Sans SC', weight: 700, module: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf' },
  { family: 'Noto Serif SC', weight: 400, module: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf' },
  { family: 'Noto Serif SC', weight: 700, module: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf' },
] as const;

let cached: ReportFont[] | null = null;

/** The bundled fonts that are installed (all four in a normal install). */
export function reportFonts(): ReportFont[] {
  if (cached) return cached;
  const found: ReportFont[] = [];
  for (const f of BUNDLED) {
    try {
      // In the packaged app the fonts are unpacked beside the archive (native code cannot read inside it).
      const file = require_.resolve(f.module).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
      if (existsSync(file)) found.push({ family: f.family, weight: f.weight, file });
    } catch {
      // Not installed: the renderers fall back to the system's fonts, and the note says so.
    }
  }
  cached = found;
  return found;
}

export const SANS_FAMILY = 'Noto Sans SC';
export const SERIF_FAMILY = 'Noto Serif SC';

/**
 * Both hosts serve the bundled fonts to the page under this path (the in-app preview lays out its
 * pages in them, as the PDF does); only the files of reportFonts() answer there.
 */
export const REPORT_FONT_URL_PATH = '/report-fonts/';

export function reportFontUrl(font: ReportFont): string {
  return `${REPORT_FONT_URL_PATH}${basename(font.file)}`;
}

/** The font file a page asks for by its URL path, or null when the path names no bundled font. */
export function reportFontFileForUrl(urlPath: string): string | null {
  if (!urlPath.startsWith(REPORT_FONT_URL_PATH)) return null;
  return reportFonts().find((f) => reportFontUrl(f) === urlPath)?.file ?? null;
}
