import type { ReactNode } from 'react';
import type { Koujing } from '../../../../shared/api/metricScope';
import { koujingScope, koujingSource, linesText } from './koujingText';

/**
 * A figure that needs a year's standard the set lacks says so, and where to enter it: the link
 * opens 标准设置 on that set with the first missing year's input focused.
 */
export function MissingLinesNotice({ lineSet, missing, effect, testId = 'missing-lines' }: {
  readonly lineSet: { readonly name: string; readonly label: string };
  readonly missing: readonly number[];
  /** What the missing years leave out, e.g. "这些年未画出贫困线". */
  readonly effect: string;
  readonly testId?: string;
}): ReactNode {
  return (
    <p className="missing-lines" role="alert" data-testid={testId}>
      标准“{lineSet.label}”缺少 {missing.join('、')} 年的贫困线或监测标准：{effect}。
      <a href={`#/standards?set=${encodeURIComponent(lineSet.name)}&year=${missing[0] ?? ''}`} data-testid="missing-lines-link">
        到标准设置填写“{lineSet.label}”{missing.join('、')} 年的标准 ›
      </a>
    </p>
  );
}

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
        <MissingLinesNotice
          lineSet={koujing.lineSet}
          missing={missing}
          effect="这些年的达线判断、收入返贫风险未计算"
        />
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
