import { DataView } from './data/DataView';
import { ExitsView } from './exits/ExitsView';
import { FlowsView } from './flows/FlowsView';
import { IncomeView } from './income/IncomeView';
import { MonitoringView } from './monitoring/MonitoringView';
import { OverviewView } from './overview/OverviewView';
import { PivotView } from './pivot/PivotView';
import { QualityView } from './quality/QualityView';
import { ReportView } from './report/ReportView';
import { ReturnsView } from './returns/ReturnsView';
import { CompareView } from './evaluation/CompareView';
import { SignalsView } from './evaluation/SignalsView';
import { RollupView } from './rollup/RollupView';
import { StandardsView } from './standards/StandardsView';
import type { ViewDefinition } from './viewDefinition';

/**
 * The left navigation, in order. To add a view: build it under views/<ViewName>/, import its
 * component here and set `component` on its line. Keys are the address (`#/income`): keep them.
 */
export const VIEWS: readonly ViewDefinition[] = [
  { key: 'overview', label: '概览', icon: 'overview', needsSnapshot: true, component: OverviewView },
  { key: 'income', label: '收入增长', icon: 'income', needsSnapshot: true, component: IncomeView },
  { key: 'returns', label: '返贫分析', icon: 'returns', needsSnapshot: true, component: ReturnsView },
  { key: 'exits', label: '脱贫方式', icon: 'exits', needsSnapshot: true, component: ExitsView },
  { key: 'monitoring', label: '监测帮扶', icon: 'monitoring', needsSnapshot: true, component: MonitoringView },
  { key: 'flows', label: '动态调整', icon: 'flows', needsSnapshot: true, component: FlowsView },
  { key: 'pivot', label: '透视分析', icon: 'pivot', needsSnapshot: true, component: PivotView },
  { key: 'quality', label: '数据质量', icon: 'quality', needsSnapshot: true, component: QualityView },
  { key: 'compare', label: '跨期对比', icon: 'compare', needsSnapshot: true, component: CompareView },
  { key: 'signals', label: '收入测算核查', icon: 'signals', needsSnapshot: true, component: SignalsView },
  { key: 'rollup', label: '多县汇总', icon: 'rollup', needsSnapshot: false, component: RollupView },
  { key: 'data', label: '数据管理', icon: 'data', needsSnapshot: false, component: DataView },
  { key: 'standards', label: '标准设置', icon: 'standards', needsSnapshot: false, component: StandardsView },
  { key: 'report', label: '报告导出', icon: 'report', needsSnapshot: true, component: ReportView },
];

export const DEFAULT_VIEW_KEY = 'overview';

export function findView(key: string): ViewDefinition | undefined {
  return VIEWS.find((v) => v.key === key);
}
