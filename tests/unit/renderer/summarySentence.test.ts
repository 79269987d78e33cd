import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitsMetrics } from '../../../electron/core/metrics/exits';
import { flowsMetrics } from '../../../electron/core/metrics/flows';
import { incomeMetrics } from '../../../electron/core/metrics/income';
import { monitoringMetrics } from '../../../electron/core/metrics/monitoring';
import { returnsMetrics } from '../../../electron/core/metrics/returns';
import { exitedTotals, exitRate, incomeEnds, latestReturn, monitoredTotals, registeredFromFlows } from '../../../renderer/src/views/overview/overviewFigures';
import { summaryParagraph, type SummaryFacts } from '../../../renderer/src/views/overview/summarySentence';
import { tempCounty, type HouseholdSpec, type TempCounty } from '../metrics/support/countyFixture';

/**
 * A county small enough to do by hand (national line: 2014 2800, 2016 2952):
 *   H1 size 4: 识别 2014, 脱贫 2016; wage 6000 (2014), 16000 (2016) → 就业
 *   H2 size 2 低保: 识别 2014, 脱贫 2016; 低保金 2400 (2014); 低保金 5000 + wage 1000 (2016) → 兜底保障
 *   H3 size 3: 识别 2015, 脱贫 2016 (business 12000 → 产业), 返贫 2017 因病
 *   H4 size 1: 识别 2014, never exits; wage 1000 (2014)
 *   H5 size 2 普通农户: 边缘易致贫户 from 2021-03, risk eliminated (帮扶消除); H1 also 脱贫不稳定户 from 2022, not eliminated
 *
 * 累计识别 4户10人; 累计脱贫 3户9人 → 脱贫率 9 ÷ 10 = 90.0%.
 * 人均纯收入 2014 = (6000+2400+1000) ÷ 7 = 1342.9; 2016 = (16000+6000+12000) ÷ 9 = 3777.8;
 *   年均增长 = (3777.8 ÷ 1342.9)^(1/2) − 1 = 67.7%.
 * 脱贫人口 9: 就业 4 + 产业 3 = 开发式 7 (77.8%); 兜底保障 2 (22.2%).
 * 返贫 2017: 1户3人 ÷ persons of households exited by 2016 (9) = 33.33%; the latest year, 2023, has none.
 * 监测对象 2户6人, eliminated 1 → 50.0%.
 */
const COUNTY: HouseholdSpec[] = [
  {
    code: 'H1', size: 4, events: [[2014, '识别'], [2016, '脱贫']], income: [{ year: 2014, wage: 6000 }, { year: 2016, wage: 16000 }],
    monitoringCategory: '脱贫不稳定户', monitoringDate: '2022-01-01', risks: ['因病'], riskEliminated: false,
  },
  {
    code: 'H2', size: 2, attribute: '低保贫困户', events: [[2014, '识别'], [2016, '脱贫']],
    income: [{ year: 2014, dibao: 2400, transfer: 2400 }, { year: 2016, dibao: 5000, transfer: 5000, wage: 1000 }],
  },
  { code: 'H3', size: 3, events: [[2015, '识别'], [2016, '脱贫'], [2017, '返贫', '因病']], income: [{ year: 2016, business: 12000 }] },
  { code: 'H4', size: 1, events: [[2014, '识别']], income: [{ year: 2014, wage: 1000 }] },
  {
    code: 'H5', size: 2, type: '普通农户', attribute: null, monitoringCategory: '边缘易致贫户', monitoringDate: '2021-03-01',
    risks: ['因病'], riskEliminated: true, eliminationMethod: '帮扶消除', eliminationDate: '2021-11-01',
  },
];

describe('the official-report paragraph of 概览', () => {
  let county: TempCounty;
  let facts: SummaryFacts;

  beforeAll(() => {
    county = tempCounty(COUNTY);
    const req = { snapshotId: county.snapshotId };
    const registered = registeredFromFlows(flowsMetrics(county.db, req).rows);
    const exits = exitsMetrics(county.db, req);
    const exited = exitedTotals(exits);
    const monitoring = monitoringMetrics(county.db, req);
    facts = {
      place: '测试县',
      asOf: '2023-12-31',
      registered,
      exited,
      exitRate: exitRate(exited, registered),
      income: incomeEnds(incomeMetrics(county.db, req)),
      attribution: exits.headline,
      latestReturn: latestReturn(returnsMetrics(county.db, req)),
      monitored: monitoredTotals(monitoring),
      monitoringFrom: monitoring.byIdentifiedYear[0]?.year ?? null,
      eliminated: { households: monitoring.eliminated.households, rate: monitoring.eliminated.rate },
    };
  });
  afterAll(() => county?.close());

  it('reads the figures of the cards from the metrics as computed by hand', () => {
    expect(facts.registered).toEqual({ households: 4, persons: 10 });
    expect(facts.exited).toEqual({ households: 3, persons: 9 });
    expect(facts.exitRate).toBeCloseTo(0.9, 12);
    expect(facts.income?.first).toBeCloseTo(9400 / 7, 9);
    expect(facts.income?.last).toBeCloseTo(34000 / 9, 9);
    expect(facts.income?.cagr).toBeCloseTo(Math.sqrt((34000 / 9) / (9400 / 7)) - 1, 9);
    // The latest year is the 截至 year, a 0 % year (a year without returns is not left out)
    expect(facts.latestReturn).toMatchObject({ year: 2023, households: 0, persons: 0, rate: 0 });
    expect(facts.monitored).toEqual({ households: 2, persons: 6 });
  });

  it('writes them as a county work report does', () => {
    expect(summaryParagraph(facts)).toBe(
      '截至2023年12月31日，测试县累计识别建档立卡贫困人口4户10人，累计脱贫3户9人，脱贫率90.0%。' +
        '人均纯收入由2014年的1343元增长到2016年的3778元，年均增长67.7%。' +
        '按脱贫人次计，依靠产业就业等开发式措施脱贫7人次，占77.8%（其中就业4人次、产业3人次）；依靠兜底保障措施脱贫2人次，占22.2%。' +
        '2023年未发生返贫。' +
        '2021年以来纳入防返贫监测对象2户6人，已消除风险1户，风险消除率50.0%。',
    );
  });

  it('leaves out a part whose figures are missing instead of writing a dash', () => {
    const text = summaryParagraph({ ...facts, income: null, latestReturn: null, monitored: null });
    expect(text).not.toContain('人均纯收入');
    expect(text).not.toContain('返贫');
    expect(text).not.toContain('监测');
    expect(text).not.toContain('—');
    expect(summaryParagraph({ ...facts, registered: null, exited: null, exitRate: null, income: null, attribution: null, latestReturn: null, monitored: null })).toBe('');
  });

  it('writes a large county in 万, as reports do', () => {
    const text = summaryParagraph({
      ...facts,
      place: '青山县',
      registered: { households: 301_234, persons: 1_032_233 },
      exited: { households: 298_765, persons: 1_020_000 },
      exitRate: 1_020_000 / 1_032_233,
    });
    expect(text).toContain('青山县累计识别建档立卡贫困人口30.12万户103.22万人，累计脱贫29.88万户102万人，脱贫率98.8%。');
  });

  it('says so when the latest year had no return', () => {
    expect(summaryParagraph({ ...facts, latestReturn: { year: 2020, households: 0, persons: 0, rate: 0 } })).toContain('2020年未发生返贫。');
  });
});
