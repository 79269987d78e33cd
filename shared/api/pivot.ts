import { z } from 'zod';
import { Delivery } from './delivery';
import { Empty } from './common';

/**
 * The pivot as plain data (cli.md): the same JSON drives the engine, the workbench, the CLI and the
 * saved analyses. Field, measure and op names are strings here on purpose: the engine checks them
 * against the catalogue (shared/semantic) and refuses an unknown one with the list of valid ones.
 */

export const ShareBase = z.enum(['grand', 'row', 'column']);

export const PivotValue = z.object({
  measure: z.string().min(1),
  /** Show the measure as a share of the grand total, of its row's total or of its column's total. */
  share: ShareBase.optional(),
}).strict();
export type PivotValue = z.infer<typeof PivotValue>;

/** A filter value: a label (乡镇名, 脱贫状态 …), a year, 是/否 (or true/false), or null for a blank. */
export const FilterValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FilterValue = z.infer<typeof FilterValue>;

export const PivotFilter = z.object({
  field: z.string().min(1),
  /** in, notIn, between (two years, both included), isNull, notNull. */
  op: z.string().min(1),
  values: z.array(FilterValue).default([]),
}).strict();
export type PivotFilter = z.infer<typeof PivotFilter>;

export const PivotSort = z.object({
  /**
   * A row or column dimension (its natural order), or an output value field such as "persons" or "householdsRowShare".
   */
  field: z.string().min(1),
  direction: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type PivotSort = z.infer<typeof PivotSort>;

export const PivotTopN = z.object({
  n: z.number().int().positive(),
  /** The output value field that ranks (a measure key, or a share field such as "householdsShare"). */
  by: z.string().min(1),
  /** The row dimension whose members are ranked within their parent (default: the first row dimension). */
  field: z.string().min(1).optional(),
  direction: z.enum(['desc', 'asc']).default('desc'),
}).strict();
export type PivotTopN = z.infer<typeof PivotTopN>;

export const PivotSpec = z.object({
  rows: z.array(z.string().min(1)).default([]),
  columns: z.array(z.string().min(1)).default([]),
  values: z.array(PivotValue).min(1),
  filters: z.array(PivotFilter).default([]),
  /** Income year for income measures when neither the `year` dimension nor a `year` filter gives one. */
  year: z.number().int().optional(),
  /** Grand total, subtotals at each row level and column totals, in `totals` of the result. */
  totals: z.boolean().default(false),
  sort: z.array(PivotSort).default([]),
  topN: PivotTopN.optional(),
}).strict();
export type PivotSpec = z.output<typeof PivotSpec>;
export type PivotSpecInput = z.input<typeof PivotSpec>;

export const PivotRunRequest = z.object({
  spec: PivotSpec,
  /** Default: the newest snapshot. */
  snapshotId: z.number().int().positive().optional(),
  /** Line set for the exit-method dimensions (default: the snapshot's setting). */
  lineSet: z.string().min(1).optional(),
  /**
   * Over the newest snapshot of every county in the database (snapshotId is then not used): 县 is a
   * dimension like any other, each county's figures its own pivot's, totals pooled from the counties' sums.
   */
  acrossCounties: z.boolean().optional(),
}).strict();
export type PivotRunRequest = z.input<typeof PivotRunRequest>;

export const PivotCell = z.union([z.string(), z.number(), z.null()]);
export type PivotCell = z.infer<typeof PivotCell>;

export const PivotFieldInfo = z.object({
  key: z.string(),
  label: z.string(),
  role: z.enum(['row', 'column', 'value']),
  /** For values: the catalogue measure and the share base; null for dimensions. */
  measure: z.string().nullable(),
  share: ShareBase.nullable(),
  /** count: integers (户, 人); yuan: 元 with separators; share: %; year / text: keys. */
  format: z.enum(['count', 'yuan', 'share', 'year', 'text']),
  unit: z.string(),
});
export type PivotFieldInfo = z.infer<typeof PivotFieldInfo>;

export const KoujingLine = z.object({ key: z.string(), label: z.string(), text: z.string() });

export const PivotKoujing = z.object({
  /** Who is counted: households of the snapshot, households with an income row in year Y, or members. */
  population: z.string(),
  /** The filters in words (全县 when none). */
  filters: z.string(),
  /** How the income year was chosen, when the pivot reads income rows. */
  incomeYear: z.string().nullable(),
  dimensions: z.array(KoujingLine),
  measures: z.array(KoujingLine),
  notes: z.array(z.string()),
});
export type PivotKoujing = z.infer<typeof PivotKoujing>;

/**
 * The population an income measure takes away without being asked: with one income year chosen
 * for the pivot (the latest, or the spec's), 户数 and 人数 count only the households with an income
 * row of that year. The counts of the same filters without that year say what it removed.
 */
export const PivotIncomeFilter = z.object({
  year: z.number().int().nullable(),
  source: z.enum(['spec', 'latest']),
  /** The filters' households and persons without the income year. */
  households: z.number().int(),
  persons: z.number().int(),
  /** Those with an income row of the year: the pivot's population. */
  keptHouseholds: z.number().int(),
  keptPersons: z.number().int(),
});
export type PivotIncomeFilter = z.infer<typeof PivotIncomeFilter>;

export const PivotMeta = z.object({
  snapshotId: z.number().int(),
  county: z.string(),
  asOf: z.string(),
  /** The income year when there is one; null without income rows or when several years are read. */
  incomeYear: z.number().int().nullable(),
  incomeYears: z.array(z.number().int()),
  incomeYearSource: z.enum(['dimension', 'filter', 'spec', 'latest']).nullable(),
  /** What one counted row is: a household, a household's income row of a year, a member. */
  grain: z.enum(['household', 'income', 'person']),
  elapsedMs: z.number(),
  lineSet: z.object({ name: z.string(), label: z.string() }),
  fieldInfo: z.array(PivotFieldInfo),
  koujing: PivotKoujing,
  /** The table the figures were read from (a summary table or the detail table), for the curious. */
  source: z.string(),
  rowCount: z.number().int(),
  totalCount: z.number().int(),
  /** Set when an implied income year narrowed the population (see PivotIncomeFilter). */
  incomeFilter: PivotIncomeFilter.nullable(),
});
export type PivotMeta = z.infer<typeof PivotMeta>;

/**
 * Long form (cli.md): one row per non-empty cell, keys first (rows then columns) then the values;
 * a blank key is shown by its label (（未填） …), so that null in a key position of `totals` means
 * "all" and nothing else.
 */
export const PivotResult = z.object({
  fields: z.array(z.string()),
  rows: z.array(z.array(PivotCell)),
  totals: z.array(z.array(PivotCell)),
  meta: PivotMeta,
});
export type PivotResult = z.infer<typeof PivotResult>;

// ── Catalogue ───────────────────────────────────────────────────────────────────────────────────

export const CatalogueDimension = z.object({
  key: z.string(), label: z.string(), group: z.string(), type: z.enum(['category', 'year', 'boolean']),
  grain: z.enum(['household', 'income', 'person']), source: z.string(), missingLabel: z.string(), koujing: z.string(),
});
export const CatalogueMeasure = z.object({
  key: z.string(), label: z.string(), group: z.string(), grain: z.enum(['household', 'income', 'person']),
  unit: z.string(), format: z.enum(['count', 'yuan', 'share']), additive: z.boolean(), aggregation: z.string(),
  koujing: z.string(), koujingIncome: z.string().nullable(), koujingPerson: z.string().nullable(),
});
export const PivotCatalogue = z.object({
  dimensions: z.array(CatalogueDimension),
  measures: z.array(CatalogueMeasure),
  filterOps: z.array(z.object({ op: z.string(), label: z.string() })),
  shareBases: z.array(z.object({ share: ShareBase, label: z.string() })),
});
export type PivotCatalogue = z.infer<typeof PivotCatalogue>;

export const DimensionValuesRequest = z.object({
  field: z.string().min(1),
  snapshotId: z.number().int().positive().optional(),
  lineSet: z.string().min(1).optional(),
}).strict();

export const DimensionValue = z.object({
  /** What a filter takes: the label, the year, or null for a blank. */
  value: z.union([z.string(), z.number(), z.null()]),
  label: z.string(),
  count: z.number().int(),
});
export const DimensionValues = z.object({
  field: z.string(),
  /** What count counts: 户 (households), 户·年 (income rows), 人 (members). */
  unit: z.string(),
  values: z.array(DimensionValue),
});
export type DimensionValues = z.infer<typeof DimensionValues>;

// ── Drill-through ───────────────────────────────────────────────────────────────────────────────

export const DrillRequest = PivotRunRequest.extend({
  /** The cell: row and column field → value as the result shows it; a field left out means all. */
  key: z.record(z.string(), PivotCell),
  limit: z.number().int().positive().max(100_000).default(1000),
}).strict();
export type DrillRequest = z.input<typeof DrillRequest>;

export const DrillIncome = z.object({
  year: z.number().int(), size: z.number().int(), net: z.number(), perCapita: z.number(),
});
export const DrillHousehold = z.object({
  code: z.string(),
  headIdMasked: z.string().nullable(),
  township: z.string(),
  village: z.string(),
  attribute: z.string().nullable(),
  status: z.string().nullable(),
  size: z.number().int(),
  incomes: z.array(DrillIncome),
});
export type DrillHousehold = z.infer<typeof DrillHousehold>;
export const DrillResult = z.object({
  total: z.number().int(),
  truncated: z.boolean(),
  households: z.array(DrillHousehold),
  koujing: z.string(),
});
export type DrillResult = z.infer<typeof DrillResult>;

// ── Saved analyses ──────────────────────────────────────────────────────────────────────────────

export const SavedAnalysis = z.object({
  id: z.number().int(),
  name: z.string(),
  spec: PivotSpec,
  snapshotId: z.number().int().nullable(),
  lineSet: z.string().nullable(),
  builtin: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedAnalysis = z.infer<typeof SavedAnalysis>;

export const SaveAnalysisRequest = z.object({
  /** Overwrites this saved analysis when given; a new one otherwise. */
  id: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100),
  spec: PivotSpec,
  snapshotId: z.number().int().positive().nullable().optional(),
  lineSet: z.string().min(1).nullable().optional(),
}).strict();

// ── Export ──────────────────────────────────────────────────────────────────────────────────────

export const PivotExportRequest = PivotRunRequest.extend({
  /** A title above the 口径 block (default: the fields of the pivot). */
  title: z.string().optional(),
}).strict();
/** The households behind a cell, every one of them, as an .xlsx; the title names the cell. */
export const DrillExportRequest = DrillRequest.omit({ limit: true }).extend({ title: z.string().max(200) }).strict();
export type DrillExportRequest = z.input<typeof DrillExportRequest>;

/** The written file as a delivery (the page hands it to deliver()); never a path the page chose. */
export const PivotExportResult = z.object({ delivery: Delivery, rows: z.number().int(), bytes: z.number().int() });

/**
 * The snapshot's pivot tables are built once (a few minutes at county scale): `ready` when they are
 * current, else the job that builds them (poll jobs.status; pivot.run refuses while it runs).
 */
export const PivotPrepareRequest = z.object({
  snapshotId: z.number().int().positive().optional(),
  lineSet: z.string().min(1).optional(),
}).strict();
export const PivotPrepareResult = z.object({ ready: z.boolean(), jobId: z.string().nullable() });

export const pivotApi = {
  'pivot.prepare': { request: PivotPrepareRequest, response: PivotPrepareResult },
  'pivot.run': { request: PivotRunRequest, response: PivotResult },
  'pivot.catalogue': { request: Empty, response: PivotCatalogue },
  'pivot.dimensionValues': { request: DimensionValuesRequest, response: DimensionValues },
  'pivot.drill': { request: DrillRequest, response: DrillResult },
  'pivot.exportXlsx': { request: PivotExportRequest, response: PivotExportResult },
  'pivot.exportCsv': { request: PivotExportRequest, response: PivotExportResult },
  'pivot.exportDrill': { request: DrillExportRequest, response: PivotExportResult },
  'analyses.list': { request: Empty, response: z.array(SavedAnalysis) },
  'analyses.save': { request: SaveAnalysisRequest, response: SavedAnalysis },
  'analyses.rename': { request: z.object({ id: z.number().int().positive(), name: z.string().trim().min(1).max(100) }).strict(), response: SavedAnalysis },
  'analyses.delete': { request: z.object({ id: z.number().int().positive() }).strict(), response: z.object({ deleted: z.boolean() }) },
} as const;
