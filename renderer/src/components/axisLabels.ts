import type * as echarts from 'echarts';

/** What ECharts' axis model carries but does not type on ComponentModel: the laid-out axis. */
interface LaidOutAxis {
  readonly type: string;
  getViewLabels(): readonly { readonly formattedLabel: string; readonly tick: { readonly value: number } }[];
}

/** ECharts keeps its model private; it is read here only to list the axes as drawn. */
interface ModelReader {
  getModel(): { findComponents(condition: { mainType: string }): readonly unknown[] };
}

/** One tick of a value axis: its value and the label drawn for it. */
export interface AxisTick {
  readonly value: number;
  readonly label: string;
}

/**
 * The ticks each value axis of a drawn chart shows, as JSON (one array per axis): written on the
 * chart's element so that a test can see what a reader sees — a count axis that repeats an integer
 * (0, 1, 1, 2, 2) when its interval falls below 1.
 */
export function valueAxisLabels(instance: echarts.EChartsType): string {
  const axes: AxisTick[][] = [];
  for (const mainType of ['xAxis', 'yAxis'] as const) {
    for (const model of (instance as unknown as ModelReader).getModel().findComponents({ mainType })) {
      const axis = (model as { axis?: LaidOutAxis }).axis;
      if (!axis || axis.type !== 'value') continue;
      axes.push(axis.getViewLabels().map((l) => ({ value: l.tick.value, label: l.formattedLabel })));
    }
  }
  return JSON.stringify(axes);
}
