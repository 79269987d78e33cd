import { pathToFileURL } from 'node:url';
import type { ReportPreview } from '../../../../shared/api/report';
import type { ReportBlock, ReportModel, ReportTable } from '../model';
import { CHART_WIDTH, chartHeight, chartSvg } from './chartSvg';
import { SANS_FAMILY, SERIF_FAMILY, reportFontUrl, reportFonts } from './fonts';

/**
 * The report as HTML: the in-app preview (blocks the page lays out on A4 sheets) and, as a whole
 * document with the bundled fonts, the source of the PDF. The 公文 layout of report.md in CSS:
 * body 三号 (16pt) on a fixed 28pt line, 一、 headings in the sans face, tables 小四 (12pt).
 */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const BODY_FONTS = `'${SERIF_FAMILY}', 'FangSong', '仿宋', serif`;
const HEADING_FONTS = `'${SANS_FAMILY}', 'SimHei', '黑体', sans-serif`;

/** Scoped under .report-doc so the preview can sit inside the app's page. */
export const REPORT_CSS = `
.report-doc { font-family: ${BODY_FONTS}; font-size: 16pt; line-height: 28pt; color: #000; }
.report-doc .r-title { font-family: ${BODY_FONTS}; font-weight: 700; font-size: 22pt; line-height: 36pt; text-align: center; margin: 0 0 28pt; }
.report-doc .r-addressee { margin: 0; }
.report-doc p.r-body { margin: 0; text-indent: 2em; text-align: justify; }
.report-doc p.r-placeholder { margin: 0; text-indent: 2em; color: #b00000; border: 1px dashed #b00000; }
.report-doc h2.r-h1 { font-family: ${HEADING_FONTS}; font-size: 16pt; font-weight: 400; margin: 0; text-indent: 2em; line-height: 28pt; }
.report-doc h3.r-h2 { font-family: ${BODY_FONTS}; font-size: 16pt; font-weight: 700; margin: 0; text-indent: 2em; line-height: 28pt; }
.report-doc figure.r-chart { margin: 8pt 0; text-align: center; break-inside: avoid; }
.report-doc figure.r-chart svg { max-width: 100%; height: auto; }
.report-doc figcaption { font-size: 12pt; line-height: 20pt; text-align: center; }
.report-doc .r-table-title { font-family: ${HEADING_FONTS}; font-size: 12pt; line-height: 20pt; text-align: center; margin: 12pt 0 4pt; break-after: avoid; }
.report-doc table.r-table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 15pt; margin-bottom: 4pt; }
.report-doc table.r-table th, .report-doc table.r-table td { border: 0.75pt solid #000; padding: 2pt 4pt; }
.report-doc table.r-table th { font-family: ${HEADING_FONTS}; font-weight: 400; text-align: center; }
.report-doc table.r-table td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report-doc table.r-table thead { display: table-header-group; }
.report-doc table.r-table tr { break-inside: avoid; }
.report-doc .r-table-note { font-size: 9pt; line-height: 13pt; color: #333; margin: 0 0 8pt; }
.report-doc dl.r-koujing { font-size: 12pt; line-height: 20pt; margin: 0; }
.report-doc dl.r-koujing dt { font-family: ${HEADING_FONTS}; float: left; clear: left; width: 7em; }
.report-doc dl.r-koujing dd { margin: 0 0 2pt 7.5em; }
`;

function tableHtml(t: ReportTable): string {
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('')}</tr>`;
  const rows = t.rows.map((r) => `<tr>${r.map((cell, i) => {
    const numeric = t.columns[i]?.kind !== 'text' || cell.suppressed;
    return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(cell.text)}</td>`;
  }).join('')}</tr>`).join('');
  const note = t.koujing.map((k) => escapeHtml(k)).join('<br>');
  return `<div class="r-table-title">${escapeHtml(t.title)}</div><table class="r-table"><thead>${head}</thead><tbody>${rows}</tbody></table><p class="r-table-note">${note}</p>`;
}

function blockHtml(b: ReportBlock): { kind: ReportPreview['blocks'][number]['kind']; html: string } {
  switch (b.kind) {
    case 'heading':
      return { kind: 'heading', html: b.level === 1 ? `<h2 class="r-h1">${escapeHtml(b.text)}</h2>` : `<h3 class="r-h2">${escapeHtml(b.text)}</h3>` };
    case 'paragraph':
      return { kind: 'paragraph', html: `<p class="${b.style === 'placeholder' ? 'r-placeholder' : 'r-body'}">${escapeHtml(b.text)}</p>` };
    case 'table':
      return { kind: 'table', html: tableHtml(b) };
    case 'chart':
      return { kind: 'chart', html: `<figure class="r-chart">${chartSvg(b, CHART_WIDTH, chartHeight(b))}<figcaption>${escapeHtml(b.caption)}</figcaption></figure>` };
    case 'koujing':
      return { kind: 'koujing', html: `<dl class="r-koujing">${b.items.map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${escapeHtml(i.text)}</dd>`).join('')}</dl>` };
  }
}

/** The document's blocks in order: title, addressee, opening, then each section. */
export function reportBlocks(model: ReportModel): ReportPreview['blocks'] {
  const out: ReportPreview['blocks'] = [
    { kind: 'title', html: `<h1 class="r-title">${escapeHtml(model.title)}</h1>` },
    { kind: 'paragraph', html: `<p class="r-addressee">${escapeHtml(model.addressee)}</p>` },
    ...model.opening.map((p) => ({ kind: 'paragraph' as const, html: `<p class="r-body">${escapeHtml(p)}</p>` })),
  ];
  for (const s of model.sections) {
    if (s.key === 'appendix' || s.key === 'koujing') out.push({ kind: 'pageBreak', html: '' });
    out.push(...s.blocks.map(blockHtml));
  }
  return out;
}

/**
 * The preview's CSS: the serif faces from the host's /report-fonts/ (the app has no serif of its own),
 * so the pages break as in the PDF on any PC. The sans is the app's own Noto Sans SC (the same Google
 * font, bundled by @fontsource): a second face of that family would take over the whole app's text.
 */
export function previewCss(): string {
  const faces = reportFonts().filter((f) => f.family === SERIF_FAMILY).map((f) =>
    `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; src: url('${reportFontUrl(f)}') format('truetype'); }`);
  return `${faces.join('\n')}\n${REPORT_CSS}`;
}

/** @font-face rules for the bundled fonts, read from their files (the PDF embeds what it uses). */
function fontFaces(): string {
  return reportFonts().map((f) => `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; src: url('${pathToFileURL(f.file).href}') format('truetype'); }`).join('\n');
}

/**
 * A whole HTML document for printing: A4 with the 公文 margins, page numbers "— 1 —" in 四号 at the
 * bottom outside (right on odd pages, left on even), Chromium's page-margin boxes.
 */
export function reportDocument(model: ReportModel): string {
  const pageNumber = `content: "— " counter(page) " —"; font-family: ${BODY_FONTS}; font-size: 14pt; vertical-align: top; padding-top: 6mm;`;
  const body = reportBlocks(model).map((b) => (b.kind === 'pageBreak' ? '<div style="break-before: page"></div>' : b.html)).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(model.title)}</title><style>
${fontFaces()}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { ${pageNumber} } }
@page :left { @bottom-left { ${pageNumber} } }
html, body { margin: 0; padding: 0; background: #fff; }
${REPORT_CSS}
</style></head><body><div class="report-doc">${body}</div></body></html>`;
}
