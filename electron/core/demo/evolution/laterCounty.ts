import { createHash } from 'node:crypto';
import type { HouseholdRow, IncomeRow } from '../../db/snapshotRows';
import type { DemoVillage } from '../countyLayout';
import { DEMO_GENERATOR_VERSION, demoCounty, type DemoCounty, type DemoOptions } from '../demoCounty';
import { generateHousehold, type DemoHousehold } from '../demoHousehold';
import { MONITORING_RISKS } from '../householdStory';
import { IdRegistry } from '../idNumbers';
import { demoLine } from '../incomeRows';
import { Random } from '../random';
import { EVOLUTION, EVOLUTION_VERSION, LATER_AS_OF, LATER_YEAR } from './evolutionRates';
import { evolveHousehold } from './evolveHousehold';
import { padTo, perCapitaOf, scaledRow } from './incomeEdits';

/** Random streams of the evolution, apart from the first export's (demoHousehold.ts uses 1–5). */
const STREAM = { household: 11, village: 12, newHousehold: 13 } as const;

/**
 * 统一算账 (S5): in a chosen village, the exits of its busiest exit year rewritten to one identical
 * 人均纯收入 just above the line — what a village's paperwork looks like when the figures were set
 * rather than measured. Rows far above the line (over 2.5 L) are left alone.
 */
function identicalExits(rng: Random, village: DemoHousehold[]): void {
  if (!rng.chance(EVOLUTION.identicalVillage)) return;
  const byYear = new Map<number, number>();
  for (const h of village) for (const e of h.events) if (e.type === '脱贫' && e.year <= 2020) byYear.set(e.year, (byYear.get(e.year) ?? 0) + 1);
  const busiest = [...byYear.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
  if (!busiest) return;
  const year = busiest[0];
  const target = Math.round(demoLine(year) * 1.02);
  village.forEach((h, k) => {
    if (!h.events.some((e) => e.type === '脱贫' && e.year === year)) return;
    const i = h.incomes.findIndex((r) => r.year === year);
    const row = h.incomes[i];
    if (!row) return;
    const p = perCapitaOf(row);
    if (p < 0.9 * demoLine(year) || p > 2.5 * demoLine(year)) return;
    const padded = padTo(row, target);
    if (!padded) return;
    const incomes = [...h.incomes];
    incomes[i] = padded;
    village[k] = { ...h, incomes };
  });
}

/** A household new to the second export: a monitored 普通农户 entering in 2024, or one added without a reason (补录). */
function newHousehold(rng: Random, seed: number, index: number, county: DemoCounty, village: DemoVillage,
  number: number, ids: IdRegistry,
  explained: boolean): DemoHousehold {
  const place = { countyName: county.layout.countyName, countyCode: county.layout.countyCode, village, number };
  const g = generateHousehold(seed, index, place, ids);
  const h = g.household as HouseholdRow;
  const last = g.incomes[g.incomes.length - 1];
  const next = last ? [scaledRow(last, LATER_YEAR, h.size, rng.uniform(1.02, 1.08) * h.size / Math.max(1, last.size))]
    : [];
  if (!explained) return { ...g, incomes: [...g.incomes, ...next] };
  const on = `${LATER_YEAR}-${String(rng.int(1, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const risk = rng.from(MONITORING_RISKS);
  const monitored: HouseholdRow = {
    ...h, type: '普通农户', attribute: null, standard: null, mainCause: null, otherCauses: [], identifiedYear: null, status: null,
    exitYear: null, returnYear: null, returnCause: null, monitoringCategory: rng.chance(0.7) ? '边缘易致贫户' : '突发严重困难户',
    monitoringDate: on, risks: [risk], riskEliminated: false, eliminationMethod: null, eliminationDate: null,
  };
  const income: IncomeRow[] = next.map((r) => ({ ...r, dibao: 0, tekun: 0 }));
  return {
    household: monitored, persons: g.persons, incomes: income.map((r) => ({ ...r, transfer: null })), measures: [],
    events: [{ householdCode: h.code, year: LATER_YEAR, type: '纳入监测', reason: risk, date: on, derived: false, sourceRow: null }],
  };
}

/**
 * The demo county's next export, a year later (as of 2024-12-31): every household of the first
 * export evolved by its own random stream (evolveHousehold.ts), the new households of each village
 * after them. The first export's rows are regenerated exactly (same seed, same order, same ID
 * registry), so the two snapshots tell one story.
 */
export function laterDemoCounty(options: DemoOptions = {}): DemoCounty {
  const first = demoCounty(options);
  const { seed, layout } = first;
  const meta = {
    ...first.meta,
    asOf: LATER_AS_OF,
    sourceName: `演示数据：${layout.countyName}（${first.households} 户，随机生成的第 ${seed} 套数据，次年导出）`,
    sourceSha256: createHash('sha256').update(`later|v${EVOLUTION_VERSION}|${first.meta.sourceSha256}|g${DEMO_GENERATOR_VERSION}`).digest('hex'),
  };
  return {
    ...first,
    meta,
    *householdRows() {
      const ids = new IdRegistry();
      let index = 0;
      const added: { village: DemoVillage; villageIndex: number }[] = [];
      for (const [villageIndex, village] of layout.villages.entries()) {
        const rows: DemoHousehold[] = [];
        for (let n = 1; n <= village.households; n++) {
          const place = { countyName: layout.countyName, countyCode: layout.countyCode, village, number: n };
          const a = generateHousehold(seed, index, place, ids, undefined, options.incomeFrom);
          const b = evolveHousehold(a, {
            rng: Random.derive(seed, STREAM.household, index), ids, countyCode: layout.countyCode,
            areaCode: village.areaCode, number: n,
          });
          index++;
          if (b) rows.push(b);
        }
        identicalExits(Random.derive(seed, STREAM.village, villageIndex), rows);
        yield* rows;
        added.push({ village, villageIndex });
      }
      // New households come last: the registry has then issued every ID number of the first export.
      let extra = first.households;
      for (const { village, villageIndex } of added) {
        const rng = Random.derive(seed, STREAM.newHousehold, villageIndex);
        let number = village.households;
        for (let k = 0; k < village.households; k++) {
          const draw = rng.next();
          if (draw >= EVOLUTION.newMonitored + EVOLUTION.newUnexplained) continue;
          yield newHousehold(rng, seed, extra++, first, village, ++number, ids, draw < EVOLUTION.newMonitored);
        }
      }
    },
  };
}
