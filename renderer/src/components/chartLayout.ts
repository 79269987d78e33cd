import type * as echarts from 'echarts';

/** A drawn element's box in the chart's pixels. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What the chart instance carries but does not type: its models and the views that draw them. */
interface LayoutReader {
  getModel(): { findComponents(condition: { mainType: string }): readonly ComponentLike[] };
  getViewOfComponentModel(model: ComponentLike): { group: Drawn } | undefined;
}
interface ComponentLike {
  get(path: string): unknown;
}
interface Drawn {
  readonly type?: string;
  readonly style?: { readonly text?: unknown };
  getBoundingRect(): { x: number; y: number; width: number; height: number; applyTransform?(m: unknown): void };
  getComputedTransform?(): unknown;
  traverse?(cb: (el: Drawn) => void): void;
}

function boxOf(el: Drawn): Box | null {
  const rect = el.getBoundingRect();
  const m = el.getComputedTransform?.();
  if (m && rect.applyTransform) rect.applyTransform(m);
  return rect.width > 0 && rect.height > 0 ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
}

/**
 * The legend's box and each axis title's box as drawn, as JSON: written on the chart's element so
 * that the screenshot walk can check that no legend lies over an axis title (at 1280×720 the two
 * met on narrow panels).
 */
export function legendAndAxisNames(instance: echarts.EChartsType): string {
  const reader = instance as unknown as LayoutReader;
  const model = reader.getModel();
  const legends: Box[] = [];
  for (const legend of model.findComponents({ mainType: 'legend' })) {
    if (legend.get('show') === false) continue;
    const view = reader.getViewOfComponentModel(legend);
    view?.group.traverse?.((el) => {
      if (el.type === 'text') {
        const box = boxOf(el);
        if (box) legends.push(box);
      }
    });
  }
  const names: { name: string; box: Box }[] = [];
  for (const mainType of ['xAxis', 'yAxis'] as const) {
    for (const axis of model.findComponents({ mainType })) {
      const name = axis.get('name');
      if (typeof name !== 'string' || name === '') continue;
      reader.getViewOfComponentModel(axis)?.group.traverse?.((el) => {
        if (el.type === 'text' && el.style?.text === name) {
          const box = boxOf(el);
          if (box) names.push({ name, box });
        }
      });
    }
  }
  return JSON.stringify({ legends, names });
}
