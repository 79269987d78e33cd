import * as echarts from 'echarts';
import { useEffect, useRef, type ReactNode } from 'react';
import { valueAxisLabels } from './axisLabels';
import { legendAndAxisNames } from './chartLayout';
import { downloadBlob, safeFileName } from './download';

const THEME = 'tuopin';
const FONT_FAMILY = "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** Calm, print-friendly colours; the first two are the office's blue and a restrained red. */
export const CHART_COLORS = ['#1f5fa8', '#c0504d', '#4f9a94', '#d79b2b', '#6b7fa8', '#8c6bb1', '#5b8c3a', '#a0522d', '#7f8c99'];

echarts.registerTheme(THEME, {
  color: CHART_COLORS,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT_FAMILY, color: '#2b3a4d' },
  title: { textStyle: { fontFamily: FONT_FAMILY, fontSize: 14, fontWeight: 600, color: '#1f2a37' } },
  legend: { textStyle: { fontFamily: FONT_FAMILY, color: '#2b3a4d' } },
  categoryAxis: { axisLine: { lineStyle: { color: '#9aa7b5' } }, axisLabel: { color: '#4a5868' }, splitLine: { show: false } },
  valueAxis: { axisLine: { show: false }, axisLabel: { color: '#4a5868' }, splitLine: { lineStyle: { color: '#e3e8ee' } } },
});

/** Decoded here rather than fetched: the page's CSP allows no fetch of data: URLs. */
function dataUrlToBlob(dataUrl: string): Blob {
  const [header = '', base64 = ''] = dataUrl.split(',', 2);
  const type = /^data:([^;]+)/.exec(header)?.[1] ?? 'application/octet-stream';
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

export interface ChartProps {
  readonly option: echarts.EChartsOption;
  /** Pixels or any CSS length; the width follows the container. */
  readonly height?: number | string;
  /** Names the saved PNG/SVG file; also shows the save buttons. */
  readonly fileName?: string;
  readonly onClick?: (params: echarts.ECElementEvent) => void;
}

/**
 * ECharts in Chinese (locale ZH), resized with its container, with 保存图片 as PNG (for Word) and
 * SVG (for print and for the people's congress briefing layout).
 */
export function Chart({ option, height = 320, fileName, onClick }: ChartProps): ReactNode {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, THEME, { locale: 'ZH', renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => {
      element.dataset['chartTicks'] = valueAxisLabels(instance);
      element.dataset['chartLayout'] = legendAndAxisNames(instance);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onClick) return;
    instance.on('click', onClick);
    return () => {
      instance.off('click', onClick);
    };
  }, [onClick]);

  const savePng = (): void => {
    const instance = chart.current;
    if (!instance) return;
    const dataUrl = instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    downloadBlob(dataUrlToBlob(dataUrl), `${safeFileName(fileName ?? '图表')}.png`);
  };

  const saveSvg = (): void => {
    const instance = chart.current;
    if (!instance) return;
    // Rendered again off screen with the SVG renderer, at the size shown, without animation.
    const svgChart = echarts.init(null, THEME, { renderer: 'svg', ssr: true, width: instance.getWidth(), height: instance.getHeight(), locale: 'ZH' });
    svgChart.setOption({ ...option, animation: false });
    const svg = svgChart.renderToSVGString();
    svgChart.dispose();
    downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${safeFileName(fileName ?? '图表')}.svg`);
  };

  return (
    <div className="chart">
      {fileName ? (
        <div className="chart-toolbar">
          <button type="button" className="button small" onClick={savePng} title="保存为 PNG 图片（插入 Word 文档）">
            保存 PNG
          </button>
          <button type="button" className="button small" onClick={saveSvg} title="保存为 SVG 矢量图（打印、排版）">
            保存 SVG
          </button>
        </div>
      ) : null}
      <div ref={container} className="chart-canvas" style={{ height }} />
    </div>
  );
}
