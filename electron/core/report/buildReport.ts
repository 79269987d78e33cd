import type { Db } from '../db/database';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../../shared/domain/product';
import { REPORT_SECTIONS, REPORT_SECTION_LABELS, type ReportMode, type ReportSection, type TemplateProblem, type TemplateSection } from '../../../shared/api/report';
import { exitMethodChart, incomeChart, incomeStructureChart, monitoringChart, returnsChart, townshipChart } from './charts';
import { gatherFigures, type ReportFigures } from './figures';
import { fillTemplate } from './fillTemplate';
import { koujingLines, lineValuesText } from './koujingText';
import type { KoujingBlock, ReportBlock, ReportChart, ReportModel, ReportModelSection, ReportTable } from './model';
import { reportFormatter, type ReportFormatter } from './reportFormat';
import {
  exitMethodTable, incomeRiskListTable, incomeTable, monitoringTable, registerTable, returnCauseTable, returnsTable,
  townshipExitTable, townshipIncomeTable,
} from './tables';
import { templateTexts } from './templateStore';
import { DEFAULT_TEMPLATES } from './templates';
import { NEXT_STEPS_MARK } from './templates/nextSteps';
import { THRESHOLDS } from './thresholds';
import { SUPPRESSED } from './numberFormat';
import { Refusal } from '../refusal';

export interface ReportRequest {
  readonly snapshotId?: number | undefined;
  readonly lineSet?: string | undefined;
  readonly years?: { from?: number | undefined; to?: number | undefined } | undefined;
  readonly mode: ReportMode;
  readonly sections?: readonly ReportSection[] | undefined;
}

const SUBHEADING = /^（[一二三四五六七八九十]+）[^。；]{1,30}$/;

/** The charts and tables each section shows, in order (one declarative table). */
const SECTION_CONTENT: Readonly<Partial<Record<ReportSection, {
  charts: readonly ((f: ReportFigures, x: ReportFormatter) => ReportChart)[];
  tables: readonly ((f: ReportFigures, x: ReportFormatter) => ReportTable)[];
}>>> = {
  basic: { charts: [], tables: [registerTable] },
  income: { charts: [incomeChart, incomeStructureChart, townshipChart], tables: [incomeTable, townshipIncomeTable] },
  exits: { charts: [exitMethodChart], tables: [exitMethodTable, townshipExitTable] },
  returns: { charts: [returnsChart, monitoringChart], tables: [returnsTable, returnCauseTable, monitoringTable] },
};

function paragraphsToBlocks(paragraphs: readonly string[]): ReportBlock[] {
  return paragraphs.map((p): ReportBlock => {
    if (SUBHEADING.test(p)) return { kind: 'heading', level: 2, text: p };
    if (p.startsWith(NEXT_STEPS_MARK)) return { kind: 'paragraph', style: 'placeholder', text: p };
    return { kind: 'paragraph', style: 'body', text: p };
  });
}

function koujingBlock(f: ReportFigures, generatedAt: string): KoujingBlock {
  const s = f.scope.snapshot;
  const parts = [
    ['基本情况', f.register.koujing], ['收入', f.income.koujing], ['脱贫方式', f.exits.koujing],
    ['返贫', f.returns.koujing], ['监测', f.monitoring.koujing],
  ] as const;
  return {
    kind: 'koujing',
    items: [
      { label: '数据来源', text: `${s.countyName}快照 #${s.id}，数据截至 ${s.asOf}，来源文件 ${s.sourceName}（SHA-256 ${s.sourceSha256}），导入于 ${s.importedAt}。` },
      { label: '贫困线标准', text: `${f.exits.koujing.lineSet.label}：${lineValuesText(f.returns.koujing)}。2020 年及以前为贫困线，2021 年起为防返贫监测标准。` },
      ...parts.flatMap(([label, k]) => [
        { label, text: koujingLines(k).join('') },
        ...k.notes.map((n) => ({ label: `${label}说明`, text: n })),
      ]),
      { label: '阈值', text: `乡镇兜底保障占比关注阈值 ${(THRESHOLDS.supportShare * 100).toFixed(1)}%（脱贫人口不少于 ${THRESHOLDS.minExitPersons} 人的乡镇）；乡镇年均增长落后全县 ${(THRESHOLDS.incomeLag * 100).toFixed(1)} 个百分点以上视为滞后。` },
      { label: '数字写法', text: '人口 1 万及以上以“万人”计、保留一位小数；百分比保留一位小数；金额以元计、不保留小数；增长写作“增长/下降”。' },
      { label: '生成', text: `${generatedAt} 由${PRODUCT_NAME} ${PRODUCT_VERSION} 生成。` },
    ],
  };
}

/** The sections in the report's order, whatever order they were asked in (default all). */
export function chosenSections(sections: readonly ReportSection[] | undefined): ReportSection[] {
  return REPORT_SECTIONS.filter((s) => sections === undefined || sections.includes(s));
}

/**
 * Builds the report model from the metrics for one scope. Wording problems (an unknown placeholder,
 * a placeholder without a value) are gathered from every section and refused together, located.
 */
export function buildReport(db: Db, request: ReportRequest): ReportModel {
  const figures = gatherFigures(db, { ...request, withRiskList: request.mode === 'internal' });
  const x = reportFormatter(request.mode);
  const texts = templateTexts(db);
  const problems: TemplateProblem[] = [];
  const fill = (section: TemplateSection): string[] => {
    const r = fillTemplate(section, texts[section], DEFAULT_TEMPLATES[section], figures, x);
    problems.push(...r.problems);
    return r.paragraphs;
  };
  const generatedAt = new Date().toISOString().replace('T', ' ').slice(0, 19);
  const [title = '', addressee = '', ...opening] = fill('opening');
  const sections = chosenSections(request.sections);
  let chartNo = 0;
  const tables: ReportTable[] = [];
  const out: ReportModelSection[] = [];
  for (const key of sections) {
    const blocks: ReportBlock[] = [];
    if (key !== 'koujing' && key !== 'appendix') blocks.push({ kind: 'heading', level: 1, text: REPORT_SECTION_LABELS[key] });
    if (key === 'appendix' || key === 'koujing') blocks.push({ kind: 'heading', level: 1, text: REPORT_SECTION_LABELS[key] });
    if (key === 'koujing') blocks.push(koujingBlock(figures, generatedAt));
    else if (key === 'appendix') {
      // Tables of every section (also of sections left out of the text): the appendix is the figures' home.
      for (const content of Object.values(SECTION_CONTENT)) tables.push(...content.tables.map((t) => t(figures, x)));
      if (request.mode === 'internal') tables.push(incomeRiskListTable(figures, x));
      tables.forEach((t, i) => blocks.push({ ...t, title: `附表${i + 1}  ${t.title}` }));
    } else {
      blocks.push(...paragraphsToBlocks(fill(key as TemplateSection)));
      for (const chart of SECTION_CONTENT[key]?.charts ?? []) {
        const c = chart(figures, x);
        chartNo += 1;
        const hidden = c.series.some((s) => s.values.some((v, i) => v === null && s.labels[i] === SUPPRESSED));
        const note = hidden ? '（流通版：少于3人的格子不绘出）' : '';
        blocks.push({ ...c, caption: `图${chartNo}  ${c.caption}${note}` });
      }
    }
    out.push({ key, blocks });
  }
  if (problems.length > 0) {
    throw new Refusal('refused', `报告模板有 ${problems.length} 处问题，未生成报告：${problems.map((p) => p.message).join('；')}`,
      { details: problems.map((p) => ({
        severity: 'error' as const, code: 'report_template', message: p.message, file: '报告模板', sheet: p.section,
        row: p.line, column: String(p.column), value: `{${p.placeholder}}`, expected: '本节可用的、有数值的占位符',
      })) });
  }
  const k = figures.income.koujing.years;
  return {
    title, addressee, opening, sections: out, mode: request.mode,
    snapshot: {
      id: figures.scope.snapshot.id, county: figures.scope.snapshot.countyName, asOf: figures.scope.snapshot.asOf,
    },
    years: { from: figures.scope.yearFrom ?? k.from, to: figures.scope.yearTo ?? k.to },
    tables: tables.length > 0 ? tables : Object.values(SECTION_CONTENT).flatMap(
      (c) => c.tables.map((t) => t(figures, x)),
    ),
    generatedAt,
  };
}
