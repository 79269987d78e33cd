import { z } from 'zod';
import { Delivery } from './delivery';
import { Koujing } from './metricScope';
import { StandardMetrics } from './standardMetrics';

/**
 * 考核评估 (evaluation.md §1–2): what changed between two snapshots of one county (跨期对比), and
 * which exits look calculated rather than real (算账式脱贫). Counts name their grain: 户 (households),
 * 人 (persons), 户次 (exit events), 条 (income rows or events of the record).
 */

// ── Settings ────────────────────────────────────────────────────────────────────────────────────

export const SignalThresholds = z.object({
  /** S1 and bunching: L ≤ p < nearLine·L counts as just above the line (below: (2 − nearLine)·L ≤ p < L). */
  nearLine: z.number().gt(1).max(2),
  /** S4: p(Y) ≥ jump · p(Y−1). */
  jump: z.number().gt(1).max(10),
  /** S4: p(Y+1) < fallBack · p(Y) where a Y+1 row exists. */
  fallBack: z.number().gt(0).lt(1),
  /** S5: this many exit events of one village in one year with the same 人均纯收入 (to the yuan). */
  identical: z.number().int().min(2).max(1000),
}).strict();
export type SignalThresholds = z.infer<typeof SignalThresholds>;

export const DEFAULT_SIGNAL_THRESHOLDS: SignalThresholds = { nearLine: 1.1, jump: 1.5, fallBack: 0.8, identical: 5 };

// ── Comparison of two snapshots ─────────────────────────────────────────────────────────────────

export const SnapshotRef = z.object({
  id: z.number().int(),
  county: z.string(),
  countyCode: z.string().nullable(),
  asOf: z.string(),
});
export type SnapshotRef = z.infer<typeof SnapshotRef>;

export const CompareRequest = z.object({
  /** Snapshot A (the older). */
  fromSnapshotId: z.number().int().positive(),
  /** Snapshot B (the newer, same county). */
  toSnapshotId: z.number().int().positive(),
  /** Rows kept in each list (counts are always complete); default 2000, null = all. */
  listLimit: z.number().int().positive().nullable().optional(),
}).strict();
export type CompareRequest = z.infer<typeof CompareRequest>;

/** Labels of the transition matrix besides the 脱贫状态 labels. */
export const ADDED = '新增';
export const VANISHED = '消失';
export const NO_STATUS = '未填写';

export const PRESENCE_KINDS = [
  'both', 'added', 'addedExplained', 'addedUnexplained', 'vanished', 'vanishedExplained', 'vanishedUnexplained', 'renumbered',
] as const;
export type PresenceKind = (typeof PRESENCE_KINDS)[number];
export const PRESENCE_LABELS: Readonly<Record<PresenceKind, string>> = {
  both: '仍在册', added: '新增', addedExplained: '新增（有识别或纳入监测记录）', addedUnexplained: '新增（无说明）',
  vanished: '消失', vanishedExplained: '消失（原已自然减少或清退）', vanishedUnexplained: '去向不明', renumbered: '改号',
};

export const CHANGE_FIELDS = ['attribute', 'mainCause', 'size', 'monitoringCategory', 'riskEliminated', 'membersAdded', 'membersGone'] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];
export const CHANGE_LABELS: Readonly<Record<ChangeField, string>> = {
  attribute: '贫困户属性', mainCause: '主要致贫原因', size: '家庭人口数', monitoringCategory: '监测对象类别',
  riskEliminated: '风险是否已消除', membersAdded: '新增成员', membersGone: '减少成员',
};

/** Income keys of the template (cli.md) that a retroactive edit may touch. */
export const INCOME_FIELDS = [
  'wage', 'business', 'businessCost', 'property', 'familyPlanning', 'dibao', 'tekun', 'pension', 'eco', 'otherTransfer', 'size',
] as const;
export type IncomeField = (typeof INCOME_FIELDS)[number];
export const INCOME_FIELD_LABELS: Readonly<Record<IncomeField, string>> = {
  wage: '工资性收入', business: '生产经营性收入', businessCost: '生产经营性支出', property: '财产性收入',
  familyPlanning: '计划生育金', dibao: '低保金', tekun: '特困供养金', pension: '养老保险金', eco: '生态补偿金',
  otherTransfer: '其他转移性收入', size: '家庭人口数',
};

export const RetroIncomeEdit = z.object({
  household: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  field: z.enum(INCOME_FIELDS),
  from: z.number().nullable(),
  to: z.number().nullable(),
});
export type RetroIncomeEdit = z.infer<typeof RetroIncomeEdit>;

export const RetroEvent = z.object({
  household: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  type: z.string(),
  /** Only in A (gone from the record) or only in B (added to it). */
  change: z.enum(['onlyInA', 'onlyInB']),
});
export type RetroEvent = z.infer<typeof RetroEvent>;

export const CompareResult = z.object({
  from: SnapshotRef,
  to: SnapshotRef,
  /** What every figure of the comparison counts, in words (Chinese). */
  koujing: z.array(z.string()),
  households: z.object({
    both: z.number().int(), added: z.number().int(), addedExplained: z.number().int(),
    addedUnexplained: z.number().int(),
    vanished: z.number().int(), vanishedExplained: z.number().int(), vanishedUnexplained: z.number().int(),
    renumbered: z.number().int(),
  }),
  /** Row and column order of the matrix: the 脱贫状态 labels met, then 新增 / 消失. */
  statuses: z.array(z.string()),
  transitions: z.array(z.object({
    from: z.string(), to: z.string(), households: z.number().int(), persons: z.number().int(),
  })),
  /** Households whose field differs (户); members added / gone in persons (人). */
  changes: z.object({
    attribute: z.number().int(), mainCause: z.number().int(), size: z.number().int(),
    monitoringCategory: z.number().int(),
    riskEliminated: z.number().int(), membersAdded: z.number().int(), membersGone: z.number().int(),
    membersAddedHouseholds: z.number().int(), membersGoneHouseholds: z.number().int(),
  }),
  retroactive: z.object({
    /** (household, year) income rows with any difference (条). */
    incomeRows: z.number().int(),
    /** Field-level differences of those rows (项). */
    incomeEdits: z.number().int(),
    /** Events present in one snapshot only (条). */
    events: z.number().int(),
    households: z.number().int(),
    byTownship: z.array(z.object({
      township: z.string(), incomeRows: z.number().int(), events: z.number().int(), households: z.number().int(),
    })),
  }),
  lists: z.object({
    vanished: z.array(z.string()),
    renumbered: z.array(z.object({ from: z.string(), to: z.string() })),
    retroactiveIncome: z.array(RetroIncomeEdit),
    retroactiveEvents: z.array(RetroEvent),
  }),
  elapsedMs: z.number(),
});
export type CompareResult = z.infer<typeof CompareResult>;

/** Which households a figure of the comparison counted. */
export const CompareSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transition'), from: z.string(), to: z.string() }).strict(),
  z.object({ kind: z.literal('presence'), presence: z.enum(PRESENCE_KINDS) }).strict(),
  z.object({ kind: z.literal('change'), field: z.enum([...CHANGE_FIELDS, 'any']) }).strict(),
  z.object({ kind: z.literal('retroactive'), what: z.enum(['income', 'events', 'any']), township: z.string().optional() }).strict(),
]);
export type CompareSelection = z.infer<typeof CompareSelection>;

export const CompareHouseholdsRequest = CompareRequest.omit({ listLimit: true }).extend({
  selection: CompareSelection,
  limit: z.number().int().positive().max(100_000).optional(),
}).strict();
export type CompareHouseholdsRequest = z.infer<typeof CompareHouseholdsRequest>;

export const CompareHousehold = z.object({
  /** 户编号 in A (null when only in B). */
  codeA: z.string().nullable(),
  /** 户编号 in B (null when only in A). */
  codeB: z.string().nullable(),
  township: z.string(),
  village: z.string(),
  headIdMasked: z.string().nullable(),
  statusA: z.string().nullable(),
  statusB: z.string().nullable(),
  sizeA: z.number().int().nullable(),
  sizeB: z.number().int().nullable(),
  /** What differs, in words (old → new). */
  detail: z.string(),
});
export type CompareHousehold = z.infer<typeof CompareHousehold>;

export const CompareHouseholdsResult = z.object({
  total: z.number().int(),
  households: z.array(CompareHousehold),
  koujing: z.string(),
});
export type CompareHouseholdsResult = z.infer<typeof CompareHouseholdsResult>;

/** The standard metrics of A and B (from the metrics engine) and their differences, year by year. */
export const FigureRow = z.object({
  section: z.string(),
  figure: z.string(),
  year: z.number().int(),
  unit: z.string(),
  a: z.number().nullable(),
  b: z.number().nullable(),
  difference: z.number().nullable(),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const CompareFiguresResult = z.object({
  from: SnapshotRef,
  to: SnapshotRef,
  years: z.array(z.number().int()),
  rows: z.array(FigureRow),
  koujing: z.array(z.string()),
  metricsA: StandardMetrics,
  metricsB: StandardMetrics,
});
export type CompareFiguresResult = z.infer<typeof CompareFiguresResult>;

// ── Signals of calculated exits ────────────────────────────────────────────────────────────────

export const SIGNALS = ['S1', 'S2', 'S3', 'S4', 'S5'] as const;
export type Signal = (typeof SIGNALS)[number];
export const SIGNAL_LABELS: Readonly<Record<Signal, string>> = {
  S1: '刚过线', S2: '靠转移过线', S3: '靠其他转移过线', S4: '脱贫年跳升', S5: '雷同',
};

export const SignalsRequest = z.object({
  snapshotId: z.number().int().positive().optional(),
  lineSet: z.string().min(1).optional(),
  /**
   * Flagged households listed (counts are always complete); default 2000, null = all, 0 = none (the
   * page lists them through evaluation.signalHouseholds, the CLI's text prints no list).
   */
  listLimit: z.number().int().nonnegative().nullable().optional(),
}).strict();
export type SignalsRequest = z.infer<typeof SignalsRequest>;

const SignalCount = z.object({ exits: z.number().int(), households: z.number().int() });

export const SignalRow = z.object({
  year: z.number().int(),
  /** null: the whole county. */
  township: z.string().nullable(),
  exits: z.number().int(),
  judged: z.number().int(),
  S1: z.number().int(), S2: z.number().int(), S3: z.number().int(), S4: z.number().int(), S5: z.number().int(),
  any: z.number().int(),
});
export type SignalRow = z.infer<typeof SignalRow>;

export const BunchingRow = z.object({
  year: z.number().int(),
  township: z.string().nullable(),
  line: z.number(),
  /** Registered households with L ≤ p < nearLine·L. */
  above: z.number().int(),
  /** Registered households with (2 − nearLine)·L ≤ p < L. */
  below: z.number().int(),
  ratio: z.number().nullable(),
});
export type BunchingRow = z.infer<typeof BunchingRow>;

export const FlaggedExit = z.object({
  household: z.string(),
  township: z.string(),
  village: z.string(),
  headIdMasked: z.string().nullable(),
  exitYear: z.number().int(),
  line: z.number(),
  perCapita: z.number(),
  size: z.number().int(),
  /** p(Y−1), p(Y+1) where the rows exist. */
  perCapitaBefore: z.number().nullable(),
  perCapitaAfter: z.number().nullable(),
  signals: z.array(z.enum(SIGNALS)),
  /** Why, in words, one clause per signal. */
  reasons: z.array(z.string()),
});
export type FlaggedExit = z.infer<typeof FlaggedExit>;

export const SignalsResult = z.object({
  snapshot: z.object({ id: z.number().int(), county: z.string(), asOf: z.string() }),
  koujing: Koujing,
  thresholds: SignalThresholds,
  /** 脱贫 events (户次) of the snapshot. */
  exits: z.number().int(),
  /** Exit events with an income row of the exit year (the others raise nothing). */
  judged: z.number().int(),
  withoutIncome: z.number().int(),
  /** Judged exit events of a year without a line: S1–S3 cannot be judged for them. */
  withoutLine: z.number().int(),
  bySignal: z.object({ S1: SignalCount, S2: SignalCount, S3: SignalCount, S4: SignalCount, S5: SignalCount }),
  anySignal: z.object({ exits: z.number().int(), households: z.number().int(), share: z.number().nullable() }),
  /** By exit year, county-wide (township null) and per township. */
  byArea: z.array(SignalRow),
  bunching: z.array(BunchingRow),
  /** p/L of registered households with an income row, by exit year: bins of 0.02 from 0.8 to 1.4. */
  histogram: z.array(z.object({
    year: z.number().int(),
    line: z.number(),
    bins: z.array(z.object({ from: z.number(), to: z.number(), households: z.number().int() })),
  })),
  households: z.array(FlaggedExit),
  /** Flagged exit events in all (the list may be cut at listLimit). */
  flaggedTotal: z.number().int(),
  elapsedMs: z.number(),
});
export type SignalsResult = z.infer<typeof SignalsResult>;

export const SignalSelection = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('signal'),
    signal: z.enum([...SIGNALS, 'any']),
    year: z.number().int().optional(),
    township: z.string().optional(),
  }).strict(),
  /** Registered households of a year with fromRatio·L ≤ p < toRatio·L (bunching sides, histogram bins). */
  z.object({
    kind: z.literal('band'),
    year: z.number().int(),
    township: z.string().optional(),
    fromRatio: z.number(),
    toRatio: z.number(),
  }).strict(),
]);
export type SignalSelection = z.infer<typeof SignalSelection>;

export const SignalHouseholdsRequest = z.object({
  snapshotId: z.number().int().positive().optional(),
  lineSet: z.string().min(1).optional(),
  selection: SignalSelection,
  limit: z.number().int().positive().max(100_000).optional(),
}).strict();
export type SignalHouseholdsRequest = z.infer<typeof SignalHouseholdsRequest>;

export const BandHousehold = z.object({
  household: z.string(), township: z.string(), village: z.string(), headIdMasked: z.string().nullable(),
  status: z.string().nullable(), year: z.number().int(), perCapita: z.number(), line: z.number(),
  size: z.number().int(),
});
export type BandHousehold = z.infer<typeof BandHousehold>;

export const SignalHouseholdsResult = z.object({
  total: z.number().int(),
  exits: z.array(FlaggedExit),
  band: z.array(BandHousehold),
  koujing: z.string(),
});
export type SignalHouseholdsResult = z.infer<typeof SignalHouseholdsResult>;

/** One household's rows in a snapshot: what the history drawer shows. */
export const HouseholdRecordRequest = z.object({
  snapshotId: z.number().int().positive(),
  code: z.string().min(1),
}).strict();
export const HouseholdRecord = z.object({
  code: z.string(),
  township: z.string(),
  village: z.string(),
  headIdMasked: z.string().nullable(),
  attribute: z.string().nullable(),
  status: z.string().nullable(),
  size: z.number().int(),
  incomes: z.array(z.object({
    year: z.number().int(), size: z.number().int(), net: z.number(), perCapita: z.number(),
    transfer: z.number().nullable(), otherTransfer: z.number().nullable(),
  })),
  events: z.array(z.object({ year: z.number().int(), type: z.string(), reason: z.string().nullable() })),
});
export type HouseholdRecord = z.infer<typeof HouseholdRecord>;

export const evaluationApi = {
  'evaluation.thresholds': { request: z.object({}).strict(), response: SignalThresholds },
  'evaluation.setThresholds': { request: SignalThresholds, response: SignalThresholds },
  'evaluation.compare': { request: CompareRequest, response: CompareResult },
  'evaluation.compareHouseholds': { request: CompareHouseholdsRequest, response: CompareHouseholdsResult },
  'evaluation.compareFigures': { request: CompareRequest.omit({ listLimit: true }).strict(), response: CompareFiguresResult },
  'evaluation.signals': { request: SignalsRequest, response: SignalsResult },
  'evaluation.signalHouseholds': { request: SignalHouseholdsRequest, response: SignalHouseholdsResult },
  'evaluation.household': { request: HouseholdRecordRequest, response: HouseholdRecord.nullable() },
  'evaluation.exportCompare': { request: CompareRequest.omit({ listLimit: true }).strict(), response: Delivery },
  'evaluation.exportSignals': { request: SignalsRequest.omit({ listLimit: true }).strict(), response: Delivery },
} as const;
