import { z } from 'zod';

/**
 * The metrics of spec/metrics.md as the contract carries them. Every result has its 口径 object so
 * that a view, a report or the CLI can print what the figure is: which snapshot, which years, which
 * households (filter and population), how persons are counted, and which line values were used.
 * Shares and rates are fractions (0.35, not 35); per-capita amounts are unrounded 元 per person.
 */

// ── Requests ────────────────────────────────────────────────────────────────────────────────────

/** Households to include; each list is "any of", lists are combined with AND. Empty = 全县. */
export const MetricFilter = z.object({
  townships: z.array(z.string()).optional(),
  /** Village names (with townships, the villages of those townships). */
  villages: z.array(z.string()).optional(),
  attributes: z.array(z.string()).optional(),
  householdTypes: z.array(z.string()).optional(),
  mainCauses: z.array(z.string()).optional(),
  /** 首次脱贫年度: the year of the household's first 脱贫 event. */
  exitCohorts: z.array(z.number().int()).optional(),
}).strict();
export type MetricFilter = z.infer<typeof MetricFilter>;

export const YearRange = z.object({
  from: z.number().int().optional(),
  to: z.number().int().optional(),
}).strict();
export type YearRange = z.infer<typeof YearRange>;

/** What every metric call takes: the snapshot (default: the newest), a line set for this call only. */
export const MetricScopeRequest = z.object({
  snapshotId: z.number().int().positive().optional(),
  /** Overrides the snapshot's line set for this call (the snapshot's setting is not changed). */
  lineSet: z.string().min(1).optional(),
  filter: MetricFilter.optional(),
  years: YearRange.optional(),
}).strict();
export type MetricScopeRequest = z.infer<typeof MetricScopeRequest>;

export const GROUP_DIMENSIONS = [
  'county', 'township', 'village', 'poorVillage', 'householdType', 'attribute', 'mainCause', 'status',
  'exitCohort', 'exitMethodIncome', 'exitMethodStructural',
] as const;
export const GroupDimension = z.enum(GROUP_DIMENSIONS);
export type GroupDimension = z.infer<typeof GroupDimension>;

export const GROUP_DIMENSION_LABELS: Readonly<Record<GroupDimension, string>> = {
  county: '县', township: '乡镇', village: '行政村', poorVillage: '是否贫困村', householdType: '户类型',
  attribute: '贫困户属性', mainCause: '主要致贫原因', status: '脱贫状态', exitCohort: '首次脱贫年度',
  exitMethodIncome: '脱贫方式（收入法，最近一次脱贫）', exitMethodStructural: '脱贫方式（结构法，最近一次脱贫）',
};

export const IncomeRequest = MetricScopeRequest.extend({
  groupBy: GroupDimension.optional(),
  /** crossSection (default), panel, or both side by side. */
  population: z.enum(['crossSection', 'panel', 'both']).optional(),
  /** A stored CPI series name: adds 实际增长 figures. */
  cpiSeries: z.string().min(1).optional(),
}).strict();
export type IncomeRequest = z.infer<typeof IncomeRequest>;

export const ReturnsRequest = MetricScopeRequest.extend({
  /** Rows of the income-risk list returned (counts are always complete); default 2000. */
  riskListLimit: z.number().int().positive().optional(),
}).strict();
export type ReturnsRequest = z.infer<typeof ReturnsRequest>;

export const QualityRequest = MetricScopeRequest.extend({
  /** Findings kept per rule (counts are always complete); default 2000, null = all. */
  limitPerRule: z.number().int().positive().nullable().optional(),
}).strict();
export type QualityRequest = z.infer<typeof QualityRequest>;

// ── 口径 ────────────────────────────────────────────────────────────────────────────────────────

export const LineValue = z.object({
  year: z.number().int(),
  povertyLine: z.number().nullable(),
  monitoringThreshold: z.number().nullable(),
  /** L(Y): the poverty line up to 2020, the monitoring threshold from 2021. */
  line: z.number().nullable(),
});
export type LineValue = z.infer<typeof LineValue>;

export const Population = z.object({
  kind: z.enum(['crossSection', 'panel', 'crossSectionAndPanel', 'exitEvents', 'register', 'monitored', 'allHouseholds']),
  label: z.string(),
  persons: z.enum(['incomeRowSize', 'currentHouseholdSize']),
  personsLabel: z.string(),
});
export type Population = z.infer<typeof Population>;

export const Koujing = z.object({
  snapshotId: z.number().int(),
  county: z.string(),
  asOf: z.string(),
  years: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
  filter: MetricFilter,
  /** The filter in words: 全县, or 乡镇：城关镇；贫困户属性：低保贫困户 … */
  filterText: z.string(),
  population: Population,
  lineSet: z.object({ name: z.string(), label: z.string() }),
  /** The line values of the years this result used. */
  lines: z.array(LineValue),
  /** Further 口径 decisions a reader needs (Chinese). */
  notes: z.array(z.string()),
});
export type Koujing = z.infer<typeof Koujing>;

// ── Income ──────────────────────────────────────────────────────────────────────────────────────

export const INCOME_SOURCES = ['wage', 'netBusiness', 'property', 'transfer'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: Readonly<Record<IncomeSource | 'support' | 'otherTransfer', string>> = {
  wage: '工资性收入', netBusiness: '净经营性收入', property: '财产性收入', transfer: '转移性收入',
  support: '兜底性收入（低保金+特困供养金）', otherTransfer: '其他转移性收入',
};

const SourceNumbers = z.object({
  wage: z.number(), netBusiness: z.number(), property: z.number(), transfer: z.number(),
  support: z.number(), otherTransfer: z.number(),
});

export const IncomeYear = z.object({
  year: z.number().int(),
  households: z.number().int(),
  /** Σ 家庭人口数 of the income rows of the year. */
  persons: z.number().int(),
  /** Σ 纯收入 (元). */
  netIncome: z.number(),
  /** Σ纯收入 / Σ人口; null when there are no persons. */
  perCapita: z.number().nullable(),
  medianPerCapita: z.number().nullable(),
  /** Per-capita amounts by source (元 per person). */
  wage: z.number().nullable(),
  netBusiness: z.number().nullable(),
  property: z.number().nullable(),
  transfer: z.number().nullable(),
  support: z.number().nullable(),
  otherTransfer: z.number().nullable(),
  /** Source ÷ group 人均纯收入; wage+netBusiness+property+transfer = 1. */
  shares: SourceNumbers.nullable(),
  /** G(Y)/G(Y−1) − 1 (null for the first year or a missing year). */
  yoy: z.number().nullable(),
  /** 实际增长: YoY deflated by the CPI series (null without a series or its year). */
  realYoy: z.number().nullable(),
});
export type IncomeYear = z.infer<typeof IncomeYear>;

export const Growth = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** 年均增长 (CAGR), null when either end has no income. */
  value: z.number().nullable(),
  /** 实际年均增长, null without a complete CPI series. */
  real: z.number().nullable(),
});
export type Growth = z.infer<typeof Growth>;

export const Contribution = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** Δ group 人均纯收入. */
  change: z.number().nullable(),
  /** Δ per-capita source ÷ Δ group 人均纯收入; the four sources add up to 1. support+otherTransfer = transfer. */
  bySource: SourceNumbers.nullable(),
});
export type Contribution = z.infer<typeof Contribution>;

export const IncomeSeries = z.object({
  byYear: z.array(IncomeYear),
  cagr: Growth.nullable(),
  contribution: Contribution.nullable(),
});
export type IncomeSeries = z.infer<typeof IncomeSeries>;

export const IncomeGroup = z.object({
  /** The group's value (null = blank in the data, or the whole filter when not grouped). */
  group: z.string().nullable(),
  crossSection: IncomeSeries.nullable(),
  /** Households with an income row in every year of the range. */
  panel: IncomeSeries.extend({ households: z.number().int() }).nullable(),
});
export type IncomeGroup = z.infer<typeof IncomeGroup>;

export const IncomeResult = z.object({
  koujing: Koujing,
  groupBy: GroupDimension.nullable(),
  cpiSeries: z.string().nullable(),
  groups: z.array(IncomeGroup),
});
export type IncomeResult = z.infer<typeof IncomeResult>;

/** The distribution of household 人均纯收入 in one year (a histogram with the year's line marked). */
export const IncomeDistributionRequest = MetricScopeRequest.extend({
  /** The income year; default the last income year in the range. */
  year: z.number().int().optional(),
  /** Width of a bin in 元; default chosen so that about 25 bins reach the 99th percentile. */
  binWidth: z.number().positive().optional(),
}).strict();
export type IncomeDistributionRequest = z.infer<typeof IncomeDistributionRequest>;

export const IncomeBin = z.object({
  /** Lower bound (inclusive), 元/人; null for the bin of negative incomes. */
  from: z.number().nullable(),
  /** Upper bound (exclusive); null for the open top bin. */
  to: z.number().nullable(),
  households: z.number().int(),
  persons: z.number().int(),
});
export type IncomeBin = z.infer<typeof IncomeBin>;

export const IncomeDistributionResult = z.object({
  koujing: Koujing,
  /** Income years of the scope (what the year picker offers). */
  years: z.array(z.number().int()),
  /** The year shown; null when the scope has no income rows. */
  year: z.number().int().nullable(),
  binWidth: z.number(),
  bins: z.array(IncomeBin),
  totals: z.object({ households: z.number().int(), persons: z.number().int() }),
  /** L(Y) of the year under the line set in use; null when the set has no value for it. */
  line: z.number().nullable(),
  /** Households with 人均纯收入 < L(Y) and their persons; null without a line. */
  belowLine: z.object({ households: z.number().int(), persons: z.number().int() }).nullable(),
});
export type IncomeDistributionResult = z.infer<typeof IncomeDistributionResult>;

// ── Exits ───────────────────────────────────────────────────────────────────────────────────────

export const INCOME_METHODS = ['兜底保障', '就业', '产业', '资产收益', '其他转移', '收入未达线', '无收入记录'] as const;
export type IncomeMethod = (typeof INCOME_METHODS)[number];
export const STRUCTURAL_METHODS = ['兜底保障', '开发式'] as const;
export type StructuralMethod = (typeof STRUCTURAL_METHODS)[number];
export const RECORDED_METHODS = ['开发式', '兜底保障', '开发式+兜底', '保障', '其他', '无措施记录'] as const;
export type RecordedMethod = (typeof RECORDED_METHODS)[number];
export const ATTRIBUTION_METHODS = ['income', 'structural', 'recorded'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];
export const ATTRIBUTION_METHOD_LABELS: Readonly<Record<AttributionMethod, string>> = {
  income: '收入法', structural: '结构法', recorded: '措施记录法',
};

export const Share = z.object({
  /** 户次: exit events (a household exiting twice counts twice). */
  households: z.number().int(),
  persons: z.number().int(),
  /** persons ÷ all exit persons of the chosen years. */
  share: z.number(),
  householdShare: z.number(),
});
export type Share = z.infer<typeof Share>;

export const Attribution = z.object({
  income: z.record(z.string(), Share),
  structural: z.record(z.string(), Share),
  recorded: z.record(z.string(), Share),
});
export type Attribution = z.infer<typeof Attribution>;

export const AgreementMatrix = z.object({
  rowMethod: z.enum(ATTRIBUTION_METHODS),
  columnMethod: z.enum(ATTRIBUTION_METHODS),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  /** cells[r][c]: exit events / persons classed rows[r] by one method and columns[c] by the other. */
  households: z.array(z.array(z.number().int())),
  persons: z.array(z.array(z.number().int())),
});
export type AgreementMatrix = z.infer<typeof AgreementMatrix>;

export const ExitCheckItem = z.object({
  householdCode: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  method: z.enum(['收入未达线', '无收入记录']),
  persons: z.number().int(),
  perCapita: z.number().nullable(),
  line: z.number().nullable(),
});
export type ExitCheckItem = z.infer<typeof ExitCheckItem>;

export const ExitsResult = z.object({
  koujing: Koujing,
  byYear: z.array(z.object({
    year: z.number().int(),
    /** Distinct households with a 脱贫 event in the year. */
    households: z.number().int(),
    persons: z.number().int(),
    /** 户次 (exit events) of the year, for the attribution tables. */
    events: z.number().int(),
    attribution: Attribution,
  })),
  totals: z.object({ events: z.number().int(), households: z.number().int(), persons: z.number().int() }),
  attribution: Attribution,
  /** 开发式 (就业+产业+资产收益+其他转移 by the income method) versus 兜底保障: the report sentence. */
  headline: z.object({
    developmentPersons: z.number().int(), developmentShare: z.number(),
    supportPersons: z.number().int(), supportShare: z.number(),
    employmentPersons: z.number().int(), employmentShare: z.number(),
    industryPersons: z.number().int(), industryShare: z.number(),
  }),
  agreement: z.array(AgreementMatrix),
  /** 收入未达线 and 无收入记录 exits, listed for checking. */
  toCheck: z.array(ExitCheckItem),
});
export type ExitsResult = z.infer<typeof ExitsResult>;

// ── Returns ─────────────────────────────────────────────────────────────────────────────────────

export const CountRate = z.object({ households: z.number().int(), persons: z.number().int(), rate: z.number().nullable() });
export const CountShare = z.object({ households: z.number().int(), persons: z.number().int(), share: z.number() });

export const ReturnsYear = z.object({
  year: z.number().int(),
  households: z.number().int(),
  persons: z.number().int(),
  /** persons returned ÷ persons of households with a 脱贫 event in a year ≤ Y−1. */
  rate: z.number().nullable(),
  denominatorHouseholds: z.number().int(),
  denominatorPersons: z.number().int(),
  byCause: z.record(z.string(), CountRate),
});
export type ReturnsYear = z.infer<typeof ReturnsYear>;

export const IncomeRiskItem = z.object({
  householdCode: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  lastExitYear: z.number().int(),
  persons: z.number().int(),
  perCapita: z.number(),
  /** L(Y): the poverty line up to 2020, the monitoring threshold from 2021. */
  line: z.number().nullable(),
  monitoringThreshold: z.number().nullable(),
  /** 人均纯收入 < L(Y). */
  belowLine: z.boolean(),
  belowThreshold: z.boolean(),
  returnRecorded: z.boolean(),
  monitored: z.boolean(),
});
export type IncomeRiskItem = z.infer<typeof IncomeRiskItem>;

export const ReturnsResult = z.object({
  koujing: Koujing,
  byYear: z.array(ReturnsYear),
  totals: z.object({ households: z.number().int(), persons: z.number().int(), events: z.number().int() }),
  /** Shares of returned persons (all chosen years) by 返贫原因. */
  causeDistribution: z.record(z.string(), CountShare),
  byTownship: z.array(z.object({
    township: z.string(), households: z.number().int(), persons: z.number().int(), share: z.number(),
    byCause: z.record(z.string(), CountShare),
  })),
  /** Returned persons by the method of the exit the return followed. */
  byExitMethod: z.object({
    income: z.record(z.string(), CountShare),
    structural: z.record(z.string(), CountShare),
  }),
  incomeRisk: z.object({
    byYear: z.array(z.object({
      year: z.number().int(),
      line: z.number().nullable(),
      monitoringThreshold: z.number().nullable(),
      /** Exited before Y with 人均纯收入(Y) < L(Y) or < the monitoring threshold. */
      households: z.number().int(),
      persons: z.number().int(),
      belowLine: z.number().int(),
      belowThreshold: z.number().int(),
      returnRecorded: z.number().int(),
    })),
    /** In (year, household) order; at most `listLimit` rows of `total`. */
    list: z.array(IncomeRiskItem),
    total: z.number().int(),
  }),
});
export type ReturnsResult = z.infer<typeof ReturnsResult>;

// ── Monitoring ──────────────────────────────────────────────────────────────────────────────────

export const MonitoringResult = z.object({
  koujing: Koujing,
  identified: z.object({ households: z.number().int(), persons: z.number().int() }),
  byCategory: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  /** Each household once per risk it names (up to five). */
  byRisk: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  /** 致贫返贫风险1, the main risk. */
  byMainRisk: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
  eliminated: z.object({ households: z.number().int(), persons: z.number().int(), rate: z.number().nullable() }),
  byEliminationMethod: z.record(z.string(), z.object({ households: z.number().int(), rate: z.number().nullable() })),
  byIdentifiedYear: z.array(z.object({ year: z.number().int(), households: z.number().int(), persons: z.number().int(), eliminated: z.number().int() })),
  /** Median of whole months from 纳入监测 to 风险消除 over eliminated households with both dates. */
  medianMonthsToElimination: z.number().nullable(),
  monthsMeasured: z.number().int(),
});
export type MonitoringResult = z.infer<typeof MonitoringResult>;

// ── Flows ───────────────────────────────────────────────────────────────────────────────────────

export const FlowRow = z.object({
  year: z.number().int(),
  unit: z.enum(['households', 'persons']),
  start: z.number().int(),
  identified: z.number().int(),
  returned: z.number().int(),
  exited: z.number().int(),
  naturalDecrease: z.number().int(),
  removed: z.number().int(),
  end: z.number().int(),
  /** start + identified + returned − exited − naturalDecrease − removed − end (0 when the identity holds). */
  gap: z.number().int(),
});
export type FlowRow = z.infer<typeof FlowRow>;

export const FlowBreak = z.object({
  householdCode: z.string(),
  township: z.string(),
  village: z.string(),
  year: z.number().int(),
  eventType: z.string(),
  detail: z.string(),
});
export type FlowBreak = z.infer<typeof FlowBreak>;

export const FlowsResult = z.object({
  koujing: Koujing,
  rows: z.array(FlowRow),
  identityHolds: z.boolean(),
  breaks: z.array(FlowBreak),
});
export type FlowsResult = z.infer<typeof FlowsResult>;

// ── Data quality ────────────────────────────────────────────────────────────────────────────────

export const QUALITY_RULES = [
  'illnessWithoutUnhealthyMember', 'dibaoWithoutDibaoIncome', 'incomeFormulaMismatch', 'sizeMismatch',
  'personInTwoHouseholds', 'invalidIdChecksum', 'codeOutsideList', 'flowIdentityBreak',
  'exitIncomeBelowLine', 'exitWithoutIncome',
] as const;
export type QualityRule = (typeof QUALITY_RULES)[number];
export const QUALITY_RULE_LABELS: Readonly<Record<QualityRule, string>> = {
  illnessWithoutUnhealthyMember: '致贫原因为因病但无患病成员',
  dibaoWithoutDibaoIncome: '低保贫困户无低保金收入',
  incomeFormulaMismatch: '收入计算公式不一致',
  sizeMismatch: '家庭人口数与成员数不一致',
  personInTwoHouseholds: '同一人出现在两户',
  invalidIdChecksum: '证件号码校验位错误',
  codeOutsideList: '代码值不在代码表中',
  flowIdentityBreak: '动态调整平衡关系不成立',
  exitIncomeBelowLine: '脱贫当年人均纯收入低于标准',
  exitWithoutIncome: '脱贫当年无收入记录',
};

export const QualityFinding = z.object({
  rule: z.enum(QUALITY_RULES),
  ruleLabel: z.string(),
  householdCode: z.string().nullable(),
  township: z.string().nullable(),
  village: z.string().nullable(),
  detail: z.string(),
});
export type QualityFinding = z.infer<typeof QualityFinding>;

export const QualityResult = z.object({
  koujing: Koujing,
  counts: z.array(z.object({ rule: z.enum(QUALITY_RULES), ruleLabel: z.string(), count: z.number().int(), listed: z.number().int() })),
  total: z.number().int(),
  findings: z.array(QualityFinding),
});
export type QualityResult = z.infer<typeof QualityResult>;

// ── The standard set (cli.md `metrics --json`) ────────────────────────────────────────────────

const CliShare = z.object({ households: z.number().int(), persons: z.number().int(), share: z.number() });

export const StandardMetrics = z.object({
  snapshot: z.object({ id: z.number().int(), county: z.string(), asOf: z.string() }),
  lineSet: z.object({ name: z.string(), label: z.string() }),
  /** L(Y) by year (the poverty line up to 2020, the monitoring threshold from 2021). */
  lines: z.record(z.string(), z.number()),
  koujing: Koujing,
  income: z.object({
    byYear: z.array(z.object({
      year: z.number().int(), households: z.number().int(), persons: z.number().int(),
      perCapita: z.number().nullable(), medianPerCapita: z.number().nullable(),
      wage: z.number().nullable(), netBusiness: z.number().nullable(), property: z.number().nullable(),
      transfer: z.number().nullable(), support: z.number().nullable(), otherTransfer: z.number().nullable(),
      yoy: z.number().nullable(),
    })),
    cagr: z.object({ from: z.number().int(), to: z.number().int(), value: z.number().nullable() }).nullable(),
    panelCagr: z.object({ from: z.number().int(), to: z.number().int(), value: z.number().nullable(), households: z.number().int() }).nullable(),
    koujing: Koujing,
  }),
  exits: z.object({
    byYear: z.array(z.object({ year: z.number().int(), households: z.number().int(), persons: z.number().int() })),
    attribution: z.object({
      income: z.record(z.string(), CliShare),
      structural: z.record(z.string(), CliShare),
      recorded: z.record(z.string(), CliShare),
    }),
    koujing: Koujing,
  }),
  returns: z.object({
    byYear: z.array(z.object({
      year: z.number().int(), households: z.number().int(), persons: z.number().int(), rate: z.number().nullable(),
      byCause: z.record(z.string(), CountRate),
    })),
    koujing: Koujing,
  }),
  monitoring: z.object({
    byCategory: z.record(z.string(), z.object({ households: z.number().int(), persons: z.number().int() })),
    byRisk: z.record(z.string(), z.object({ households: z.number().int() })),
    eliminated: z.object({ households: z.number().int(), rate: z.number().nullable() }),
    koujing: Koujing,
  }),
  flows: z.array(FlowRow.omit({ gap: true })),
  flowsKoujing: Koujing,
});
export type StandardMetrics = z.infer<typeof StandardMetrics>;

// ── Line sets and CPI (settings the metrics use) ───────────────────────────────────────────────

export const LineSetName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '标准名称只能包含字母、数字、下划线和连字符');

export const LineSetSummary = z.object({
  name: z.string(),
  label: z.string(),
  years: z.number().int(),
  /** Snapshots that use this set. */
  snapshotIds: z.array(z.number().int()),
});

export const LinesEdit = z.object({
  year: z.number().int().min(2000).max(2100),
  povertyLine: z.number().positive().nullable(),
  monitoringThreshold: z.number().positive().nullable(),
}).strict();
export type LinesEdit = z.infer<typeof LinesEdit>;

export const CpiPoint = z.object({
  year: z.number().int().min(2000).max(2100),
  /** Rural CPI, previous year = 100 (e.g. 102.1). */
  index: z.number().positive(),
}).strict();
export type CpiPoint = z.infer<typeof CpiPoint>;

const SnapshotOnly = z.object({ snapshotId: z.number().int().positive().optional() }).strict();

export const metricsApi = {
  'metrics.standard': { request: SnapshotOnly.extend({ lineSet: z.string().min(1).optional() }).strict(), response: StandardMetrics },
  'metrics.income': { request: IncomeRequest, response: IncomeResult },
  'metrics.incomeDistribution': { request: IncomeDistributionRequest, response: IncomeDistributionResult },
  'metrics.exits': { request: MetricScopeRequest, response: ExitsResult },
  'metrics.returns': { request: ReturnsRequest, response: ReturnsResult },
  'metrics.monitoring': { request: MetricScopeRequest, response: MonitoringResult },
  'metrics.flows': { request: MetricScopeRequest, response: FlowsResult },
  'metrics.quality': { request: QualityRequest, response: QualityResult },
  'lines.sets': { request: z.object({}).strict(), response: z.array(LineSetSummary) },
  'lines.get': { request: z.object({ lineSet: LineSetName }).strict(), response: z.array(LineValue) },
  'lines.set': {
    request: z.object({ lineSet: LineSetName, lines: z.array(LinesEdit).min(1) }).strict(),
    response: z.array(LineValue),
  },
  'lines.deleteYear': {
    request: z.object({ lineSet: LineSetName, year: z.number().int() }).strict(),
    response: z.array(LineValue),
  },
  'lines.useSet': {
    request: z.object({ snapshotId: z.number().int().positive(), lineSet: LineSetName }).strict(),
    response: z.object({ snapshotId: z.number().int(), lineSet: z.string() }),
  },
  'cpi.get': { request: z.object({ series: z.string().min(1).optional() }).strict(), response: z.array(CpiPoint) },
  'cpi.set': {
    request: z.object({ series: z.string().min(1).optional(), points: z.array(CpiPoint) }).strict(),
    response: z.array(CpiPoint),
  },
} as const;
