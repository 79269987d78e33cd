import { foldLabel } from './codeLists';

/** The class of every 帮扶措施 (domain.md), used by the recorded exit-attribution method. */
export type MeasureClass = '开发式·就业' | '开发式·产业' | '兜底保障' | '保障' | '其他';

export const MEASURE_CLASSES: readonly MeasureClass[] = ['开发式·就业', '开发式·产业', '兜底保障', '保障', '其他'];

const MEASURES: Readonly<Record<MeasureClass, readonly string[]>> = {
  '开发式·就业': ['就业帮扶', '公益岗位帮扶', '公益岗位', '扶贫车间', '劳务输出'],
  '开发式·产业': ['产业帮扶', '金融帮扶', '小额信贷', '资产收益', '光伏', '光伏扶贫'],
  '兜底保障': ['综合保障', '低保', '特困供养', '临时救助', '残疾人两项补贴', '兜底保障'],
  '保障': ['健康帮扶', '义务教育保障', '其他教育帮扶', '雨露计划', '住房安全保障', '危房改造', '饮水安全保障', '教育帮扶'],
  '其他': ['易地扶贫搬迁', '生态帮扶', '护林员', '生态补偿', '社会帮扶', '生产生活条件改善', '基础设施建设', '其他', '其它'],
};

const byMeasure = new Map<string, MeasureClass>();
for (const cls of MEASURE_CLASSES) for (const m of MEASURES[cls]) byMeasure.set(foldLabel(m), cls);

/** The class of a measure label, or null when the measure is not in domain.md's table. */
export function classOfMeasure(label: string): MeasureClass | null {
  return byMeasure.get(foldLabel(label)) ?? null;
}

export function isDevelopmentClass(cls: MeasureClass): boolean {
  return cls === '开发式·就业' || cls === '开发式·产业';
}

/** Canonical measure names as they appear in domain.md's table (first of each group). */
export const MEASURE_NAMES: readonly string[] = [
  '就业帮扶', '公益岗位帮扶', '扶贫车间', '劳务输出', '产业帮扶', '金融帮扶', '资产收益', '光伏',
  '综合保障', '健康帮扶', '义务教育保障', '其他教育帮扶', '住房安全保障', '饮水安全保障',
  '易地扶贫搬迁', '生态帮扶', '社会帮扶', '生产生活条件改善', '基础设施建设', '其他',
];
