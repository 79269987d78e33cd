import type { EventRow, HouseholdRow, IncomeRow, PersonRow } from '../../db/snapshotRows';
import type { DemoHousehold } from '../demoHousehold';
import type { IdRegistry } from '../idNumbers';
import { demoLine } from '../incomeRows';
import { MONITORING_RISKS } from '../householdStory';
import type { Random } from '../random';
import { EVOLUTION, LATER_YEAR } from './evolutionRates';
import { correctedShortfall, editedRow, perCapitaOf, scaledRow } from './incomeEdits';

const EXITED = new Set(['已脱贫（享受政策）', '已脱贫（不再享受政策）']);
const REMOVED = new Set(['自然减少', '清退']);
const CAUSES = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足'];
const RETURN_CAUSES = ['因病', '因自然灾害', '因意外事故', '因务工就业不稳'];

export interface EvolveContext {
  readonly rng: Random;
  readonly ids: IdRegistry;
  readonly countyCode: string;
  readonly areaCode: string;
  /** 1-based number of the household in its village (a renumbered household keeps it after a 9). */
  readonly number: number;
}

function date(rng: Random): string {
  return `${LATER_YEAR}-${String(rng.int(1, 11)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function event(
  code: string, year: number, type: string, reason: string | null = null, on: string | null = null,
): EventRow {
  return { householdCode: code, year, type, reason, date: on, derived: false, sourceRow: null };
}

function ageOf(p: PersonRow): number {
  return p.birthDate ? LATER_YEAR - Number(p.birthDate.slice(0, 4)) : 0;
}

/** A child born in 2024 to a household with a member aged 20–40; an ID number of 2024 is new to the county. */
function newborn(ctx: EvolveContext, h: HouseholdRow, persons: readonly PersonRow[]): PersonRow | null {
  const parent = persons.find((p) => ageOf(p) >= 20 && ageOf(p) <= 40);
  if (!parent) return null;
  const male = ctx.rng.chance(0.52);
  const issued = ctx.ids.issue(
    ctx.countyCode, { year: LATER_YEAR, month: ctx.rng.int(1, 11), day: ctx.rng.int(1, 28) }, male,
  );
  return {
    ...parent, householdCode: h.code, idNumber: issued.id, birthDate: issued.birthDate, sex: male ? '男' : '女',
    name: `${(parent.name ?? '').slice(0, 1)}${male ? '小宝' : '小妹'}`, relation: parent.relation === '户主' || parent.relation === '配偶' ? (male ? '之子' : '之女') : (male ? '之孙子' : '之孙女'),
    education: '学龄前儿童', schooling: '学前教育', health: '健康', labour: '无劳动力', workStatus: '其他/非务工', workMonths: 0,
    pensionInsurance: false, sourceRow: null,
  };
}

/**
 * One household of the first export as the next export (a year later) shows it, or null when the
 * next export no longer carries it. Its own random stream decides; the changes are those a county
 * sees in a year (evolutionRates.ts), and a few rewrite the past (retroactive edits).
 */
export function evolveHousehold(a: DemoHousehold, ctx: EvolveContext): DemoHousehold | null {
  const { rng } = ctx;
  const hA = a.household;
  if (!hA) return null;
  const status = hA.status;
  if (status !== null && REMOVED.has(status) ? rng.chance(EVOLUTION.dropRemoved)
    : rng.chance(EVOLUTION.dropUnexplained)) return null;

  const code = rng.chance(EVOLUTION.renumber) ? `${ctx.areaCode}9${String(ctx.number).padStart(4, '0')}` : hA.code;
  let h: HouseholdRow = { ...hA, code };
  let persons = a.persons.map((p) => ({ ...p, householdCode: code }));
  let incomes: IncomeRow[] = a.incomes.map((i) => ({ ...i, householdCode: code }));
  const events: EventRow[] = a.events.map((e) => ({ ...e, householdCode: code }));
  let growth = rng.uniform(1.05, 1.1);

  // The past rewritten: an exit year moved, a shortfall exit "corrected", one amount edited.
  const exits = events.filter((e) => e.type === '脱贫');
  if (exits.length === 1 && h.returnYear === null && rng.chance(EVOLUTION.exitMoved)) {
    const exit = exits[0] as EventRow;
    const earlier = exit.year - 1;
    if (earlier >= 2014 && earlier >= (h.identifiedYear ?? 2014)) {
      events[events.indexOf(exit)] = { ...exit, year: earlier };
      h = { ...h, exitYear: earlier };
    }
  }
  const shortfall = incomes.findIndex((i) => exits.some((e) => e.year === i.year) && perCapitaOf(i) < demoLine(i.year));
  if (shortfall >= 0 && rng.chance(EVOLUTION.shortfallCorrected)) {
    const fixed = correctedShortfall(rng, incomes[shortfall] as IncomeRow);
    if (fixed) incomes[shortfall] = fixed;
  }
  if (incomes.length > 0 && rng.chance(EVOLUTION.incomeEdit)) {
    const k = rng.int(0, incomes.length - 1);
    incomes[k] = editedRow(rng, incomes[k] as IncomeRow);
  }

  // The year 2024: status, monitoring, record and members.
  if (status === '返贫' && rng.chance(EVOLUTION.reExit)) {
    events.push(event(code, LATER_YEAR, '脱贫'));
    h = { ...h, status: '已脱贫（享受政策）', exitYear: LATER_YEAR };
    const last = incomes[incomes.length - 1];
    if (last) growth = (demoLine(LATER_YEAR) * rng.uniform(1.05, 1.4)) / Math.max(1, perCapitaOf(last));
  } else if (status !== null && EXITED.has(status)) {
    if (rng.chance(hA.attribute === '特困供养贫困户' ? EVOLUTION.diesTekun : EVOLUTION.dies)) {
      events.push(event(code, LATER_YEAR, '自然减少', '死亡'));
      h = { ...h, status: '自然减少' };
      growth = 0;
    } else if (rng.chance(EVOLUTION.returns)) {
      const cause = rng.pick(RETURN_CAUSES);
      events.push(event(code, LATER_YEAR, '返贫', cause));
      h = { ...h, status: '返贫', returnYear: LATER_YEAR, returnCause: cause };
      growth = rng.uniform(0.55, 0.75);
    } else if (status === '已脱贫（享受政策）' && rng.chance(EVOLUTION.policyEnds)) {
      h = { ...h, status: '已脱贫（不再享受政策）' };
    }
  }
  if (h.monitoringCategory === null && h.status !== null && EXITED.has(h.status) && rng.chance(EVOLUTION.monitored)) {
    const on = date(rng);
    const risk = rng.from(MONITORING_RISKS);
    events.push(event(code, LATER_YEAR, '纳入监测', risk, on));
    h = { ...h, monitoringCategory: '脱贫不稳定户', monitoringDate: on, risks: [risk], riskEliminated: false, eliminationMethod: null, eliminationDate: null };
    growth *= rng.uniform(0.75, 0.9);
  } else if (h.monitoringCategory !== null && h.riskEliminated === false && rng.chance(EVOLUTION.eliminated)) {
    const on = date(rng);
    const method = rng.chance(0.85) ? '帮扶消除' : '自然消除';
    events.push(event(code, LATER_YEAR, '风险消除', method, on));
    h = { ...h, riskEliminated: true, eliminationMethod: method, eliminationDate: on };
  }
  if (h.attribute === '低保贫困户' && rng.chance(EVOLUTION.attributeChange)) h = { ...h, attribute: '一般贫困户' };
  if (h.mainCause !== null && rng.chance(EVOLUTION.causeChange)) h = {
    ...h, mainCause: rng.pick(CAUSES.filter((c) => c !== h.mainCause)),
  };
  if (growth > 0 && rng.chance(EVOLUTION.birth)) {
    const child = newborn(ctx, h, persons);
    if (child) persons = [...persons, child];
  }
  if (growth > 0 && persons.length > 1 && rng.chance(EVOLUTION.memberGone)) {
    const oldest = persons.slice(1).reduce((o, p) => (ageOf(p) > ageOf(o) ? p : o), persons[1] as PersonRow);
    persons = persons.filter((p) => p !== oldest);
  }
  const sizeChange = persons.length - a.persons.length;
  h = { ...h, size: Math.max(1, h.size + sizeChange) };

  // The income row of 2024, from the last one (a household removed before 2024 has none).
  const last = incomes[incomes.length - 1];
  if (last && last.year === LATER_YEAR - 1 && growth > 0) incomes = [
    ...incomes, scaledRow(last, LATER_YEAR, h.size, growth * h.size / Math.max(1, last.size)),
  ];
  return { household: h, persons, incomes, measures: a.measures.map((m) => ({ ...m, householdCode: code })), events };
}
