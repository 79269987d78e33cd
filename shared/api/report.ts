import { z } from 'zod';
import { Delivery } from './delivery';

/**
 * The briefing report for the county 人大常委会 (spec/report.md): one model built from the metrics,
 * read by one renderer per format. The page asks for a preview (HTML blocks it pages itself), starts
 * an export job, edits the wording templates and reads the append-only export log.
 */

export const REPORT_SECTIONS = ['basic', 'income', 'exits', 'returns', 'problems', 'nextSteps', 'appendix', 'koujing'] as const;
export const ReportSection = z.enum(REPORT_SECTIONS);
export type ReportSection = z.infer<typeof ReportSection>;

export const REPORT_SECTION_LABELS: Readonly<Record<ReportSection, string>> = {
  basic: '一、基本情况', income: '二、收入增长', exits: '三、脱贫方式', returns: '四、返贫与监测',
  problems: '五、存在的问题', nextSteps: '六、下一步工作打算', appendix: '附表', koujing: '口径说明',
};

/** Sections whose wording comes from an editable template (附表 and 口径说明 are generated). */
export const TEMPLATE_SECTIONS = ['opening', 'basic', 'income', 'exits', 'returns', 'problems', 'nextSteps'] as const;
export const TemplateSection = z.enum(TEMPLATE_SECTIONS);
export type TemplateSection = z.infer<typeof TemplateSection>;

export const TEMPLATE_SECTION_LABELS: Readonly<Record<TemplateSection, string>> = {
  opening: '标题与开头', basic: '一、基本情况', income: '二、收入增长', exits: '三、脱贫方式',
  returns: '四、返贫与监测', problems: '五、存在的问题', nextSteps: '六、下一步工作打算',
};

export const REPORT_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** circulation: cells under k = 3 persons shown as "<3", nobody listed; internal: numbers as they are. */
export const ReportMode = z.enum(['circulation', 'internal']);
export type ReportMode = z.infer<typeof ReportMode>;

export const ReportOptions = z.object({
  snapshotId: z.number().int().positive().optional(),
  lineSet: z.string().min(1).optional(),
  years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().optional(),
  mode: ReportMode.default('circulation'),
  /** Sections to include, in the report's order whatever the order given; default all. */
  sections: z.array(ReportSection).min(1).optional(),
}).strict();
export type ReportOptions = z.input<typeof ReportOptions>;

/** A wording problem: the template, the line and column, and the placeholder it names. */
export const TemplateProblem = z.object({
  section: TemplateSection,
  line: z.number().int(),
  column: z.number().int(),
  placeholder: z.string(),
  message: z.string(),
});
export type TemplateProblem = z.infer<typeof TemplateProblem>;

export const ReportPreview = z.object({
  title: z.string(),
  /** The stylesheet of the document (page size, fonts, tables). */
  css: z.string(),
  /** The document's blocks as HTML, in order; the page lays them out on A4 sheets. */
  blocks: z.array(z.object({ kind: z.enum(['title', 'heading', 'paragraph', 'table', 'chart', 'koujing', 'pageBreak']), html: z.string() })),
  snapshot: z.object({ id: z.number().int(), county: z.string(), asOf: z.string() }),
  years: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
  mode: ReportMode,
  elapsedMs: z.number(),
});
export type ReportPreview = z.infer<typeof ReportPreview>;

export const ReportTemplate = z.object({
  section: TemplateSection,
  label: z.string(),
  text: z.string(),
  defaultText: z.string(),
  edited: z.boolean(),
  /** Every placeholder the section knows, with what it stands for. */
  placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
});
export type ReportTemplate = z.infer<typeof ReportTemplate>;

export const ExportLogEntry = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  format: ReportFormat,
  mode: ReportMode,
  snapshotId: z.number().int(),
  sections: z.array(ReportSection),
  fileName: z.string(),
  sha256: z.string(),
  host: z.string(),
});
export type ExportLogEntry = z.infer<typeof ExportLogEntry>;

/** What an export job ends with. */
export const ReportExportResult = z.object({
  delivery: Delivery,
  format: ReportFormat,
  mode: ReportMode,
  /** Pages of the PDF (null for DOCX and XLSX: their pages are laid out by the reader). */
  pages: z.number().int().nullable(),
  sha256: z.string(),
  elapsedMs: z.number(),
});
export type ReportExportResult = z.infer<typeof ReportExportResult>;

export const reportApi = {
  'report.preview': { request: ReportOptions, response: ReportPreview },
  /** Starts an export job (jobs.status polls it; its result is a ReportExportResult). */
  'report.export': {
    request: ReportOptions.extend({ format: ReportFormat }).strict(),
    response: z.object({ jobId: z.string() }),
  },
  'report.templates': { request: z.object({}).strict(), response: z.array(ReportTemplate) },
  /** Saves a section's wording; a placeholder the section does not know is refused with its place. */
  'report.setTemplate': {
    request: z.object({ section: TemplateSection, text: z.string().min(1).max(20_000) }).strict(),
    response: ReportTemplate,
  },
  'report.resetTemplate': { request: z.object({ section: TemplateSection }).strict(), response: ReportTemplate },
  'report.exportLog': {
    request: z.object({ limit: z.number().int().positive().max(1000).optional() }).strict(),
    response: z.array(ExportLogEntry),
  },
} as const;
