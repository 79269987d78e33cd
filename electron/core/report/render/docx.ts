import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import { REPORT_SECTION_LABELS } from '../../../../shared/api/report';
import type { ReportBlock, ReportChart, ReportModel, ReportTable } from '../model';
import { chartImages } from './chartImages';
import { CHART_WIDTH_MM, type ChartImage } from './chartPng';

/**
 * The report as a 公文 (GB/T 9704-2012) DOCX: A4, margins 37/35/28/26 mm, title 二号 方正小标宋简体,
 * body 三号 仿宋_GB2312 on a fixed 28-pt line with a two-character indent, 一、 headings 三号 黑体,
 * （一） headings 三号 楷体_GB2312, page numbers 四号 "— 1 —" at the bottom outside. Fonts are named,
 * not embedded: Word and WPS substitute on the office PC (report.md).
 */

const MM = 56.7; // twips per millimetre
const PT = 20; // twips per point
const FONT = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', subheading: '楷体_GB2312', table: '仿宋_GB2312' };
// half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt
const SIZE = { title: 44, body: 32, pageNumber: 28, table: 24, tableNote: 18 };
const LINE = { line: 28 * PT, lineRule: LineRuleType.EXACT };
const PX_PER_MM = 96 / 25.4;
const NEW_PAGE_HEADINGS = new Set([REPORT_SECTION_LABELS.appendix, REPORT_SECTION_LABELS.koujing]);

function run(text: string, font: string, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, ...extra });
}

function bodyParagraph(
  text: string, font = FONT.body, extra: Partial<IRunOptions> = {}, pageBreakBefore = false, keepNext = false,
): Paragraph {
  return new Paragraph({
    pageBreakBefore, keepNext, spacing: LINE, indent: { firstLineChars: 200, firstLine: 2 * 16 * PT },
    alignment: AlignmentType.JUSTIFIED, children: [run(text, font, SIZE.body, extra)],
  });
}

function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const font = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体' };
  return new Footer({
    children: [new Paragraph({
      alignment,
      indent: alignment === AlignmentType.RIGHT ? { right: 7 * PT } : { left: 7 * PT },
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font, size: SIZE.pageNumber })],
    })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

/** Width of the type area (156 mm) in twips. */
const TYPE_AREA = Math.round(156 * MM);

/** 小四 as report.md asks; a wide table steps down (五号, 小五) so that no number wraps. */
function tableSize(columns: number): number {
  return columns <= 5 ? SIZE.table : columns <= 8 ? 21 : 18;
}

/**
 * Display width of a text in half-width units: a CJK character counts two, any other 1.2 (digits of
 * a substitute for 仿宋_GB2312 — where Word is not at hand — run wider than half a character).
 */
function textWidth(s: string): number {
  return [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1.2), 0);
}

/**
 * Column widths (twips) after the longest cell of each column. A table that fits the type area at
 * `size` (half-points) keeps every header on one line; a wider one lets headers wrap onto two lines.
 */
function columnWidths(t: ReportTable, size: number): number[] {
  const longest = (i: number): number => Math.max(0, ...t.rows.map((r) => textWidth(r[i]?.text ?? '')));
  const oneLine = t.columns.map((c, i) => 2 + Math.max(textWidth(c.label), longest(i)));
  // A half-width unit is size × 5 twips; a cell adds its 120 twips of margins.
  const needed = oneLine.reduce((a, w) => a + w * size * 5 + 120, 0);
  const weight = needed <= TYPE_AREA ? oneLine
    : t.columns.map((c, i) => 2 + Math.max(Math.ceil(textWidth(c.label) / 2), longest(i)));
  const total = weight.reduce((a, b) => a + b, 0);
  return weight.map((w) => Math.floor((w / total) * TYPE_AREA));
}

function tableCell(text: string, right: boolean, header: boolean, size: number, width: number): TableCell {
  return new TableCell({
    borders: BORDERS,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60 },
    children: [new Paragraph({
      alignment: header ? AlignmentType.CENTER : right ? AlignmentType.RIGHT : AlignmentType.LEFT,
      children: [run(text, header ? FONT.heading : FONT.table, size)],
    })],
  });
}

function tableBlocks(t: ReportTable): (Paragraph | Table)[] {
  const size = tableSize(t.columns.length);
  const widths = columnWidths(t, size);
  const header = new TableRow({
    tableHeader: true, cantSplit: true,
    children: t.columns.map((c, i) => tableCell(c.label, false, true, size, widths[i] ?? 0)),
  });
  const rows = t.rows.map((r) => new TableRow({
    cantSplit: true,
    children: r.map((cell, i) => tableCell(cell.text, t.columns[i]?.kind !== 'text' || cell.suppressed, false, size, widths[i] ?? 0)),
  }));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 12 * PT, after: 4 * PT },
      children: [run(t.title, FONT.heading, SIZE.table)],
    }),
    new Table({
      width: { size: TYPE_AREA, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED,
      rows: [header, ...rows],
    }),
    ...t.koujing.map((k) => new Paragraph({ children: [run(k, FONT.table, SIZE.tableNote)] })),
  ];
}

function chartBlocks(c: ReportChart, images: ReadonlyMap<string, ChartImage>): Paragraph[] {
  const image = images.get(c.id);
  if (!image) throw new Error(`图表 ${c.id} 未绘制`);
  const width = CHART_WIDTH_MM * PX_PER_MM;
  const height = (width * image.heightPx) / image.widthPx;
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 6 * PT },
      children: [new ImageRun({ type: 'png', data: image.png, transformation: { width: Math.round(width), height: Math.round(height) }, altText: { name: c.id, title: c.caption, description: c.caption } })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { after: 6 * PT }, children: [run(c.caption, FONT.table, SIZE.table)],
    }),
  ];
}

function blockElements(b: ReportBlock, images: ReadonlyMap<string, ChartImage>): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      // 附表 and 口径说明 start on a page of their own.
      // A heading stays with what follows it.
      return [b.level === 1
        ? bodyParagraph(b.text, FONT.heading, {}, NEW_PAGE_HEADINGS.has(b.text), true)
        : bodyParagraph(b.text, FONT.subheading, {}, false, true)];
    case 'paragraph':
      return [b.style === 'placeholder' ? bodyParagraph(b.text, FONT.body, { highlight: 'yellow' }) : bodyParagraph(b.text)];
    case 'table':
      return tableBlocks(b);
    case 'chart':
      return chartBlocks(b, images);
    case 'koujing':
      return b.items.map((i) => new Paragraph({
        spacing: { after: 2 * PT },
        children: [run(`${i.label}：`, FONT.heading, SIZE.table), run(i.text, FONT.table, SIZE.table)],
      }));
  }
}

export function reportDocx(model: ReportModel, images: ReadonlyMap<string, ChartImage>): Document {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER, spacing: { line: 36 * PT, lineRule: LineRuleType.EXACT, after: 28 * PT },
      children: [run(model.title, FONT.title, SIZE.title)],
    }),
    new Paragraph({ spacing: LINE, children: [run(model.addressee, FONT.body, SIZE.body)] }),
    ...model.opening.map((p) => bodyParagraph(p)),
  ];
  for (const s of model.sections) {
    children.push(...s.blocks.flatMap((b) => blockElements(b, images)));
  }
  return new Document({
    creator: '脱贫成效分析工作站',
    title: model.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONT.body, size: SIZE.body } } } },
    sections: [{
      properties: {
        page: {
          size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
          margin: {
            top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM),
            right: Math.round(26 * MM), footer: Math.round(20 * MM), header: Math.round(15 * MM),
          },
        },
      },
      // Outside: the right on odd pages, the left on even pages.
      footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
      children,
    }],
  });
}

/** The DOCX at `path`; `browser` draws the charts (null: resvg), by default the installed one. */
export async function writeReportDocx(model: ReportModel, path: string, browser?: string | null): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const charts = model.sections.flatMap((s) => s.blocks).filter((b): b is ReportChart => b.kind === 'chart');
  await writeFile(path, await Packer.toBuffer(reportDocx(model, await chartImages(charts, browser))));
}
