import type { ReactNode } from 'react';
import type { Koujing } from '../../../../shared/api/metricScope';
import { koujingScope, koujingSource, linesText } from './koujingText';

/**
 * The 口径 of what a view shows, from the metric's own 口径 object: one line always visible, the
 * population, the persons rule, the line values and the notes on demand. A view with several
 * metrics shows one block per metric (titled).
 */
export function KoujingBlock({ koujing, title = '口径' }: { readonly koujing: Koujing; readonly title?: string }): ReactNode {
  const lines = linesText(koujing.lines);
  const missing = koujing.lines.filter((l) => l.line === null).map((l) => l.year);
  return (
    <>
      {missing.length > 0 ? (
        <p className="missing-lines" role="alert" data-testid="missing-lines">
          标准“{koujing.lineSet.label}”缺少 {missing.join('、')} 年的贫困线或监测标准：这些年的达线判断、收入返贫风险未计算。
          <a
            href={`#/standards?set=${encodeURIComponent(koujing.lineSet.name)}&year=${missing[0] ?? ''}`}
            data-testid="missing-lines-link"
          >
            到标准设置填写“{koujing.lineSet.label}”{missing.join('、')} 年的标准 ›
          </a>
        </p>
      ) : null}
    <details className="koujing" data-testid="koujing">
      <summary>
        <span className="koujing-title">{title}</span>
        <span className="koujing-line">{koujingScope(koujing)}</span>
        <span className="koujing-source">{koujingSource(koujing)}</span>
      </summary>
      <dl>
        <dt>统计范围</dt>
        <dd>{koujing.filterText}</dd>
        <dt>统计对象</dt>
        <dd>{koujing.population.label}</dd>
        <dt>人口</dt>
        <dd>{koujing.population.personsLabel}</dd>
        <dt>标准</dt>
        <dd>
          {koujing.lineSet.label}
          {lines ? `：${lines}` : ''}
        </dd>
        {koujing.notes.length > 0 ? (
          <>
            <dt>说明</dt>
            <dd>
              <ul>
                {koujing.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
    </>
  );
}
