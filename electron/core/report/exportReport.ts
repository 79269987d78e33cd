import { readFile } from 'node:fs/promises';
import type { Db } from '../db/database';
import type { ReportFormat } from '../../../shared/api/report';
import { type JobControl } from '../jobs/jobRunner';
import { buildReport, type ReportRequest } from './buildReport';
import type { ReportModel } from './model';
import { pdfPageCount, printHtmlToPdf } from './render/chromiumPdf';
import { writeReportDocx } from './render/docx';
import { reportDocument } from './render/html';
import { writeReportXlsx } from './render/xlsx';
import { cancellation } from '../refusal';

/** Prints an HTML document to a PDF file: Electron's printToPDF in the app, a local Chromium elsewhere. */
export type PdfPrinter = (html: string, outPath: string, signal?: { readonly cancelled: boolean }) => Promise<void>;

export interface ExportOptions {
  readonly printPdf?: PdfPrinter | undefined;
  readonly control?: JobControl | undefined;
}

/** Writes one format of a built model to `path`; the PDF's page count comes back (null otherwise). */
export async function writeReport(
  model: ReportModel, format: ReportFormat, path: string, options: ExportOptions = {},
): Promise<{ pages: number | null }> {
  const out = await writeFormat(model, format, path, options);
  // A cancel pressed meanwhile wins: the caller's delivery removes the file.
  if (options.control?.cancelled) throw cancellation();
  return out;
}

async function writeFormat(
  model: ReportModel, format: ReportFormat, path: string, options: ExportOptions,
): Promise<{ pages: number | null }> {
  switch (format) {
    case 'docx':
      await writeReportDocx(model, path);
      return { pages: null };
    case 'xlsx':
      await writeReportXlsx(model, path);
      return { pages: null };
    case 'pdf': {
      const print = options.printPdf ?? printHtmlToPdf;
      await print(reportDocument(model), path, options.control);
      if (options.control?.cancelled) return { pages: null };
      return { pages: pdfPageCount(await readFile(path)) };
    }
  }
}

/** The core writer: the report of a scope in one format at `path` (the CLI's --out, a delivery's file). */
export async function exportReport(
  db: Db, request: ReportRequest, format: ReportFormat, path: string, options: ExportOptions = {},
): Promise<{ model: ReportModel; pages: number | null }> {
  options.control?.progress(0.05, '读取指标…');
  const model = buildReport(db, request);
  if (options.control?.cancelled) throw cancellation();
  options.control?.progress(0.5, format === 'pdf' ? '排版并打印 PDF…' : format === 'docx' ? '绘制图表并写出 DOCX…' : '写出 XLSX…');
  const { pages } = await writeReport(model, format, path, options);
  return { model, pages };
}

/** The name a report file is offered under. */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  const mode = model.mode === 'internal' ? '-内部' : '';
  return `${model.snapshot.county}巩固拓展脱贫攻坚成果工作情况报告-${model.snapshot.asOf}${mode}.${format}`;
}
