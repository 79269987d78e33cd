import { formatDateZh } from '../../format/numbers';
import type { CountPair, IncomeEnds, LatestReturn } from './overviewFigures';
import { officialCount, officialShare, officialYuan } from '../common/zhNumbers';

/**
 * The paragraph of 概览 in the wording of a county's work report, built only from the figures on
 * the cards, so that it can be pasted into a briefing and defended line by line:
 *
 *   截至2023年12月31日，青山县累计识别建档立卡贫困人口2913户9964人，累计脱贫2882户9868人，脱贫率99.0%。
 *   人均纯收入由2014年的2369元增长到2023年的9800元，年均增长15.4%。……
 *
 * A part whose figures are missing is left out rather than written with a dash.
 */
export interface SummaryFacts {
  /** Where: the county, or the county and the township/village of the filter ("青山县城关镇"). */
  readonly place: string;
  readonly asOf: string;
  readonly registered: CountPair | null;
  readonly exited: CountPair | null;
  readonly exitRate: number | null;
  readonly income: IncomeEnds | null;
  readonly attribution: {
    readonly developmentPersons: number;
    readonly developmentShare: number;
    readonly employmentPersons: number;
    readonly industryPersons: number;
    readonly supportPersons: number;
    readonly supportShare: number;
  } | null;
  readonly latestReturn: LatestReturn | null;
  readonly monitored: CountPair | null;
  readonly monitoringFrom: number | null;
  readonly eliminated: { readonly households: number; readonly rate: number | null } | null;
}

function pair(p: CountPair): string {
  return `${officialCount(p.households)}户${officialCount(p.persons)}人`;
}

export function summaryParagraph(f: SummaryFacts): string {
  const sentences: string[] = [];

  const opening: string[] = [];
  if (f.registered) opening.push(`累计识别建档立卡贫困人口${pair(f.registered)}`);
  if (f.exited) {
    const rate = f.exitRate !== null ? `，脱贫率${officialShare(f.exitRate)}` : '';
    opening.push(`累计脱贫${pair(f.exited)}${rate}`);
  }
  if (opening.length > 0) sentences.push(`截至${formatDateZh(f.asOf)}，${f.place}${opening.join('，')}。`);

  if (f.income) {
    const growth = f.income.cagr !== null ? `，年均增长${officialShare(f.income.cagr)}` : '';
    sentences.push(
      f.income.firstYear === f.income.lastYear
        ? `${f.income.lastYear}年人均纯收入${officialYuan(f.income.last)}。`
        : `人均纯收入由${f.income.firstYear}年的${officialYuan(f.income.first)}增长到${f.income.lastYear}年的${officialYuan(f.income.last)}${growth}。`,
    );
  }

  if (f.attribution) {
    const a = f.attribution;
    // Person-exits (人次): a household that exited twice is counted at each exit, so the base is
    // not the 累计脱贫 persons above, and the sentence says which it is.
    const parts = a.employmentPersons > 0 || a.industryPersons > 0
      ? `（其中就业${officialCount(a.employmentPersons)}人次、产业${officialCount(a.industryPersons)}人次）` : '';
    sentences.push(
      `按脱贫人次计，依靠产业就业等开发式措施脱贫${officialCount(a.developmentPersons)}人次，占${officialShare(a.developmentShare)}${parts}；` +
        `依靠兜底保障措施脱贫${officialCount(a.supportPersons)}人次，占${officialShare(a.supportShare)}。`,
    );
  }

  if (f.latestReturn) {
    const r = f.latestReturn;
    sentences.push(
      r.households === 0
        ? `${r.year}年未发生返贫。`
        : `${r.year}年返贫${officialCount(r.households)}户${officialCount(r.persons)}人，返贫率${officialShare(r.rate, 2)}。`,
    );
  }

  if (f.monitored && f.monitored.households > 0) {
    const since = f.monitoringFrom !== null ? `${f.monitoringFrom}年以来` : '';
    const elim = f.eliminated
      ? `，已消除风险${officialCount(f.eliminated.households)}户${f.eliminated.rate !== null ? `，风险消除率${officialShare(f.eliminated.rate)}` : ''}`
      : '';
    sentences.push(`${since}纳入防返贫监测对象${pair(f.monitored)}${elim}。`);
  }

  return sentences.join('');
}
