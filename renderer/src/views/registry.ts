import { DataView } from './data/DataView';
import { PivotView } from './pivot/PivotView';
import type { ViewDefinition } from './viewDefinition';

/**
 * The left navigation, in order. To add a view: build it under views/<ViewName>/, import its
 * component here and set `component` on its line. Keys are the address (`#/income`): keep them.
 */
export const VIEWS: readonly ViewDefinition[] = [
  { key: 'overview', label: '概览', icon: 'overview', needsSnapshot: true },
  { key: 'income', label: '收入增长', icon: 'income', needsSnapshot: true },
  { key: 'returns', label: '返贫分析', icon: 'returns', needsSnapshot: true },
  { key: 'exits', label: '脱贫方式', icon: 'exits', needsSnapshot: true },
  { key: 'monitoring', label: '监测帮扶', icon: 'monitoring', needsSnapshot: true },
  { key: 'flows', label: '动态调整', icon: 'flows', needsSnapshot: true },
  { key: 'pivot', label: '透视分析', icon: 'pivot', needsSnapshot: true, component: PivotView },
  { key: 'quality', label: '数据质量', icon: 'quality', needsSnapshot: true },
  { key: 'data', label: '数据管理', icon: 'data', needsSnapshot: false, component: DataView },
  { key: 'report', label: '报告导出', icon: 'report', needsSnapshot: true },
];

export const DEFAULT_VIEW_KEY = 'overview';

export function findView(key: string): ViewDefinition | undefined {
  return VIEWS.find((v) => v.key === key);
}
