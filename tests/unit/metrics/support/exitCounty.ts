import type { HouseholdSpec } from './countyFixture';

/**
 * Six households whose exits exercise every branch of the three attribution methods. National
 * lines: 2016 2952, 2017 2952, 2018 2995, 2019 3218.
 *
 * X1 size 3, exit 2016. 2016: wage 6000, business 3000 → 人均 3000 ≥ 2952, no support, wage
 *    largest → 就业. Labour → 开发式. 就业帮扶 2016 → 开发式. Returns 2019 (no event reason; the
 *    household says 因残). 2017 income wage 5000 → 人均 1666.67 < 2952 (income risk, no 返贫 yet);
 *    2019 income wage 6000 → 2000 < 3218 (risk, 返贫 recorded).
 * X2 size 2, exit 2017. wage 3000 = business 4000 − cost 1000 → tie, 就业 comes first. 人均 3000.
 *    技能劳动力 → 开发式. 产业帮扶 2017 + 综合保障 2015 → 开发式+兜底.
 * X3 size 2, 低保贫困户, exit 2017. wage 1000, 低保 5000 → 人均 3000 ≥ 2952 but (6000−5000)/2 = 500
 *    < 2952 → 兜底保障. Attribute → 兜底保障. 综合保障 2016 → 兜底保障.
 * X4 size 4, exit 2018. wage 8000 → 人均 2000 < 2995 → 收入未达线. Members 无劳动力, 丧失劳动力
 *    → 兜底保障. 健康帮扶 2018 → 保障.
 * X5 size 5, exit 2018, no income rows → 无收入记录. Labour → 开发式. Its only measure is of 2019,
 *    after the exit → 无措施记录.
 * X6 size 3: exit 2016, 返贫 2018 (因病), exit again 2019. 2016: property 9000 → 人均 3000 → 资产收益;
 *    2019: wage 3000, pension 7000 → 人均 3333.33 ≥ 3218, other transfer largest → 其他转移.
 *    弱劳动力或半劳动力 → 开发式 both times. 易地扶贫搬迁 2015 → 其他 both times.
 */
export const EXIT_COUNTY: HouseholdSpec[] = [
  {
    code: 'X1', township: '城关镇', size: 3, returnCause: '因残', members: [{ labour: '普通劳动力' }],
    income: [{ year: 2016, wage: 6000, business: 3000 }, { year: 2017, wage: 5000 }, { year: 2019, wage: 6000 }],
    measures: [{ year: 2016, name: '就业帮扶' }],
    events: [[2014, '识别'], [2016, '脱贫'], [2019, '返贫']],
  },
  {
    code: 'X2', township: '城关镇', size: 2, members: [{ labour: '技能劳动力' }],
    income: [{ year: 2017, wage: 3000, business: 4000, businessCost: 1000 }],
    measures: [{ year: 2017, name: '产业帮扶' }, { year: 2015, name: '综合保障' }],
    events: [[2014, '识别'], [2017, '脱贫']],
  },
  {
    code: 'X3', township: '石门乡', size: 2, attribute: '低保贫困户', members: [{ labour: '丧失劳动力' }],
    income: [{ year: 2017, wage: 1000, dibao: 5000 }],
    measures: [{ year: 2016, name: '综合保障' }],
    events: [[2014, '识别'], [2017, '脱贫']],
  },
  {
    code: 'X4', township: '石门乡', size: 4, members: [{ labour: '无劳动力' }, { labour: '丧失劳动力' }],
    income: [{ year: 2018, wage: 8000 }],
    measures: [{ year: 2018, name: '健康帮扶' }],
    events: [[2014, '识别'], [2018, '脱贫']],
  },
  {
    code: 'X5', township: '石门乡', size: 5, members: [{ labour: '普通劳动力' }],
    measures: [{ year: 2019, name: '产业帮扶' }],
    events: [[2014, '识别'], [2018, '脱贫']],
  },
  {
    code: 'X6', township: '城关镇', size: 3, members: [{ labour: '弱劳动力或半劳动力' }],
    income: [{ year: 2016, property: 9000 }, { year: 2019, wage: 3000, pension: 7000 }],
    measures: [{ year: 2015, name: '易地扶贫搬迁' }],
    events: [[2014, '识别'], [2016, '脱贫'], [2018, '返贫', '因病'], [2019, '脱贫']],
  },
];
