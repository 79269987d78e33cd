import type { EventRow, HouseholdRow, IncomeRow, MeasureRow, PersonRow } from '../db/snapshotRows';
import type { DemoVillage } from './countyLayout';
import { generateEvents } from './eventRows';
import { householdStory, incomeYears, LAST_YEAR } from './householdStory';
import type { IdRegistry } from './idNumbers';
import { generateIncome } from './incomeRows';
import { generateMeasures } from './measureRows';
import { generateMembers, type DemoMember } from './members';
import { Random, weightedTable } from './random';

const HOUSING = weightedTable([['安全', 85], ['A', 7], ['B', 5], ['C', 2], ['D', 1]] as const);

/** All rows of one household, as the generator yields them. */
export interface DemoHousehold {
  /** Null when the pass did not ask for it. */
  readonly household: HouseholdRow | null;
  readonly persons: readonly PersonRow[];
  readonly incomes: readonly IncomeRow[];
  readonly measures: readonly MeasureRow[];
  readonly events: readonly EventRow[];
}

/** Share of a village's households that are monitored 普通农户 (never registered). */
const ORDINARY_SHARE = 0.03;
/** A member who died or moved away shows in the sizes of earlier income years. */
const DEPARTED_MEMBER_RATE = 0.06;

function sizeByYear(rng: Random, members: readonly DemoMember[], firstYear: number): (year: number) => number {
  const departedYear = firstYear < LAST_YEAR && rng.chance(DEPARTED_MEMBER_RATE) ? rng.int(firstYear + 1, LAST_YEAR)
    : null;
  return (year) => {
    let born = 0;
    for (const m of members) if (m.birthYear <= year) born++;
    return Math.max(1, born + (departedYear !== null && year < departedYear ? 1 : 0));
  };
}

export interface HouseholdPlace {
  readonly countyName: string;
  readonly countyCode: string;
  readonly village: DemoVillage;
  /** 1-based number of the household within its village. */
  readonly number: number;
}

/** Which rows a pass needs; the rest is not generated (the template writer makes one pass per sheet). */
export interface DemoParts {
  readonly household: boolean;
  readonly persons: boolean;
  readonly incomes: boolean;
  readonly measures: boolean;
  readonly events: boolean;
}

export const ALL_PARTS: DemoParts = { household: true, persons: true, incomes: true, measures: true, events: true };

/** Separate random streams per part, so leaving a part out never changes the others. */
const STREAM = { story: 1, members: 2, income: 3, measures: 4, household: 5 } as const;
const EMPTY: readonly never[] = [];

/**
 * One household of the demo county, from its own random streams (seed, part, index). Members are
 * drawn whenever any part needs them: ID numbers are issued in household order, so every pass
 * issues the same numbers.
 */
export function generateHousehold(
  seed: number, index: number, place: HouseholdPlace, ids: IdRegistry, parts: DemoParts = ALL_PARTS,
  incomeFrom?: number,
): DemoHousehold {
  const { village } = place;
  const code = `${village.areaCode}${String(place.number).padStart(4, '0')}`;
  const storyRng = Random.derive(seed, STREAM.story, index);
  const story = householdStory(storyRng, storyRng.chance(ORDINARY_SHARE));
  const events = parts.events ? generateEvents(story, code) : EMPTY;
  const needMembers = parts.household || parts.persons || parts.incomes || parts.measures;
  if (!needMembers) return { household: null, persons: EMPTY, incomes: EMPTY, measures: EMPTY, events };

  const members = generateMembers(Random.derive(seed, STREAM.members, index), story, code, place.countyCode, ids);
  const traits = Random.derive(seed, STREAM.household, index);
  const housing = traits.from(HOUSING);
  const relocated = story.registered && traits.chance(0.05);
  const unsafeHousingRepaired = story.registered && !relocated && traits.chance(0.12);

  let incomes: readonly IncomeRow[] = EMPTY;
  if (parts.incomes || parts.measures) {
    const incomeRng = Random.derive(seed, STREAM.income, index);
    const years = incomeYears(story);
    const sizeOf = sizeByYear(incomeRng, members, years[0] ?? LAST_YEAR);
    incomes = generateIncome(incomeRng, { story, members, householdCode: code, sizeOf }, years);
  }
  const measures = parts.measures
    ? generateMeasures(Random.derive(seed, STREAM.measures, index), {
      story, members, incomes, householdCode: code, relocated, unsafeHousingRepaired,
    })
    : EMPTY;

  let household: HouseholdRow | null = null;
  if (parts.household) {
    const head = members[0]?.person;
    const size = story.flaws.sizeMismatch ? members.length + (members.length > 1 && traits.chance(0.5) ? -1 : 1)
      : members.length;
    const m = story.monitoring;
    household = {
      code,
      county: place.countyName,
      township: village.township,
      village: village.name,
      areaCode: village.areaCode,
      poorVillage: village.poor,
      headName: head?.name ?? null,
      headIdNumber: head?.idNumber ?? null,
      size,
      type: story.registered ? '脱贫户' : '普通农户',
      attribute: story.attribute,
      standard: story.registered ? (traits.chance(0.03) ? '省定标准' : '国家标准') : null,
      mainCause: story.mainCause,
      otherCauses: story.otherCauses,
      identifiedYear: story.identifiedYear,
      status: story.status,
      exitYear: story.exits.length ? (story.exits[story.exits.length - 1] as number) : null,
      returnYear: story.returnYear,
      returnCause: story.returnCause,
      relocated,
      housing,
      safeWater: traits.chance(0.995),
      monitoringCategory: m?.category ?? null,
      monitoringDate: m?.date ?? null,
      risks: m?.risks ?? [],
      riskEliminated: m ? m.eliminated : null,
      eliminationMethod: m?.method ?? null,
      eliminationDate: m?.eliminationDate ?? null,
      sourceRow: null,
    };
  }
  // Drawn in full either way (the random streams and the measures stay the same), then trimmed.
  const kept = parts.incomes && incomeFrom !== undefined
    ? incomes.filter((r) => r.year >= incomeFrom || story.exits.includes(r.year) || r.year === story.returnYear)
    : incomes;
  return {
    household, persons: parts.persons ? members.map((x) => x.person) : EMPTY, incomes: parts.incomes ? kept : EMPTY,
    measures, events,
  };
}
