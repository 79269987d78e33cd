import { performance } from 'node:perf_hooks';
import type { ReportExportResult } from '../../../shared/api/report';
import { REPORT_SECTIONS, type ReportSection } from '../../../shared/api/report';
import { createDelivery } from '../delivery/deliveries';
import { insertExportLog, selectExportLog } from '../db/queries/reportQueries';
import type { HandlerMap } from '../service/handlers';
import { buildReport, chosenSections } from './buildReport';
import { reportFileName, writeReport } from './exportReport';
import { previewCss, reportBlocks } from './render/html';
import { listTemplates, resetTemplate, saveTemplate } from './templateStore';
import { Refusal } from '../refusal';

type ReportMethod = 'report.preview' | 'report.export' | 'report.templates' | 'report.setTemplate' | 'report.resetTemplate' | 'report.exportLog';

function sectionsOf(text: string): ReportSection[] {
  return text.split(',').filter((s): s is ReportSection => (REPORT_SECTIONS as readonly string[]).includes(s));
}

export const reportHandlers: HandlerMap<ReportMethod> = {
  'report.preview': (ctx, req) => {
    const t0 = performance.now();
    const model = buildReport(ctx.db, req);
    return {
      title: model.title, css: previewCss(), blocks: reportBlocks(model), snapshot: model.snapshot, years: model.years,
      mode: model.mode, elapsedMs: performance.now() - t0,
    };
  },

  'report.export': (ctx, req) => {
    // Built before the job starts (one synchronous read of the metrics), so a bad scope or wording
    // is refused at once; the job lays it out and writes the file.
    const t0 = performance.now();
    const model = buildReport(ctx.db, req);
    const jobId = ctx.jobs.start('report.export', async (control): Promise<ReportExportResult> => {
      let pages: number | null = null;
      control.progress(0.3, req.format === 'pdf' ? '排版并打印 PDF…' : req.format === 'docx' ? '绘制图表并写出 DOCX…' : '写出 XLSX…');
      const delivery = await createDelivery(ctx.workDir, reportFileName(model, req.format), async (path) => {
        pages = (await writeReport(model, req.format, path, { printPdf: ctx.printPdf, control })).pages;
      });
      control.progress(0.95, '记录导出日志…');
      insertExportLog(ctx.db, {
        createdAt: new Date().toISOString(), format: req.format, mode: req.mode, snapshotId: model.snapshot.id,
        sections: chosenSections(req.sections).join(','), fileName: delivery.fileName, sha256: delivery.sha256, host: ctx.host,
      });
      return {
        delivery, format: req.format, mode: req.mode, pages, sha256: delivery.sha256, elapsedMs: performance.now() - t0,
      };
    });
    return { jobId };
  },

  'report.templates': (ctx) => listTemplates(ctx.db),

  'report.setTemplate': (ctx, req) => {
    const saved = saveTemplate(ctx.db, req.section, req.text);
    if ('problems' in saved) {
      throw new Refusal('refused', saved.problems.map((p) => p.message).join('；'), { details: saved.problems.map((p) => ({
        severity: 'error' as const, code: 'report_template', message: p.message, file: '报告模板', sheet: p.section,
        row: p.line, column: String(p.column), value: `{${p.placeholder}}`, expected: '本节可用的占位符',
      })) });
    }
    return saved.template;
  },

  'report.resetTemplate': (ctx, req) => resetTemplate(ctx.db, req.section),

  'report.exportLog': (ctx, req) => selectExportLog(ctx.db, req.limit ?? 200).map((r) => ({
    id: r.id, createdAt: r.createdAt, format: r.format as ReportExportResult['format'], mode: r.mode as ReportExportResult['mode'],
    snapshotId: r.snapshotId, sections: sectionsOf(r.sections), fileName: r.fileName, sha256: r.sha256, host: r.host,
  })),
};
