import type { ReactNode } from 'react';
import type { PivotResult } from '../../../../shared/api/pivot';
import { incomeFilterText } from '../../../../shared/format/incomeFilterText';
import { koujingLineText } from '../../../../shared/format/koujingLine';

/** The pivot's 口径, folded: who is counted, the filters, the income year, each field's definition. */
export function PivotKoujing({ result }: { readonly result: PivotResult }): ReactNode {
  const k = result.meta.koujing;
  const filter = result.meta.incomeFilter;
  return (
    <details className="pivot-koujing">
      <summary>口径</summary>
      <p>{k.population}；筛选：{k.filters}{k.incomeYear ? `；${k.incomeYear}` : ''}{filter ? `；${incomeFilterText(filter)}` : ''}</p>
      <ul>{[...k.dimensions, ...k.measures].map((line) => <li key={line.key}>{koujingLineText(line)}</li>)}</ul>
      {k.notes.length ? <ul>{k.notes.map((n) => <li key={n}>{n}</li>)}</ul> : null}
    </details>
  );
}
