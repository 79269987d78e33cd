import type { VillageRow } from '../db/snapshotRows';
import { DEMO_COUNTY_CODE, DEMO_COUNTY_NAME, SEAT_TOWNSHIP, TOWNSHIP_STEMS, VILLAGE_STEMS } from './placeNames';
import { Random, yuan } from './random';

export interface DemoVillage {
  readonly township: string;
  readonly name: string;
  /** 12-digit 统计用区划代码. */
  readonly areaCode: string;
  readonly poor: boolean;
  readonly delistedYear: number | null;
  /** How many households of the county live here. */
  readonly households: number;
  /** 村集体经济收入 by year, in 元. */
  readonly collectiveIncome: readonly { readonly year: number; readonly amount: number }[];
}

/** Another code and name for the demo county (a roll-up of several demo counties needs them apart). */
export interface DemoCountyName {
  /** 6-digit county code (the first 6 digits of the 统计用区划代码). */
  readonly code: string;
  readonly name: string;
}

export interface DemoLayout {
  readonly countyName: string;
  readonly countyCode: string;
  readonly townships: readonly string[];
  readonly villages: readonly DemoVillage[];
}

const COLLECTIVE_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
const DELISTING: readonly (readonly [number, number])[] = [[2016, 10], [2017, 25], [2018, 35], [2019, 25], [2020, 5]];
const POOR_VILLAGE_SHARE = 0.3;
/** Registered households cluster in 贫困村. */
const POOR_VILLAGE_WEIGHT = 2;

function townshipCount(households: number): number {
  return Math.max(2, Math.min(60, Math.round(4 + Math.sqrt(households) / 9)));
}

function villagesPerTownship(households: number, townships: number): number {
  return Math.max(3, Math.min(24, Math.round(households / townships / 30)));
}

/**
 * The county's townships and villages, with the households spread over them. Depends only on the
 * seed and the size: the same county is laid out again for every pass over the rows.
 */
export function layoutCounty(households: number, seed: number, county?: DemoCountyName): DemoLayout {
  const countyCode = county?.code ?? DEMO_COUNTY_CODE;
  const rng = Random.derive(seed, 0x1a7);
  const nTownships = townshipCount(households);
  const stems = rng.sample(TOWNSHIP_STEMS, nTownships - 1);
  const perTownship = villagesPerTownship(households, nTownships);

  const townships: string[] = [];
  const drafts: {
    township: string; name: string; areaCode: string; poor: boolean; delistedYear: number | null; weight: number;
  }[] = [];
  let towns = 0;
  let xiang = 0;
  for (let t = 0; t < nTownships; t++) {
    const isTown = t === 0 || rng.chance(0.55);
    const stem = t === 0 ? SEAT_TOWNSHIP : (stems[t - 1] as string);
    const suffix = isTown ? '镇' : rng.chance(0.2) ? '彝族乡' : '乡';
    const township = `${stem}${suffix}`;
    // 镇 are numbered from 100, 乡 from 200, as in the 统计用区划代码 tables.
    const townshipCode = String(isTown ? 100 + towns++ : 200 + xiang++).padStart(3, '0');
    townships.push(township);
    const nVillages = Math.max(1, perTownship + rng.int(-2, 2));
    const names = rng.sample(VILLAGE_STEMS, nVillages);
    names.forEach((stem2, v) => {
      const poor = rng.chance(POOR_VILLAGE_SHARE);
      drafts.push({
        township,
        name: `${stem2}村`,
        areaCode: `${countyCode}${townshipCode}${String(201 + v).padStart(3, '0')}`,
        poor,
        delistedYear: poor ? rng.weighted(DELISTING) : null,
        weight: (poor ? POOR_VILLAGE_WEIGHT : 1) * rng.uniform(0.5, 1.5),
      });
    });
  }

  const counts = apportion(households, drafts.map((d) => d.weight));
  const villages = drafts.map((d, i): DemoVillage => ({
    township: d.township,
    name: d.name,
    areaCode: d.areaCode,
    poor: d.poor,
    delistedYear: d.delistedYear,
    households: counts[i] ?? 0,
    collectiveIncome: collectiveIncome(rng, d.poor, d.delistedYear),
  }));
  return { countyName: county?.name ?? DEMO_COUNTY_NAME, countyCode, townships, villages };
}

/** Largest-remainder apportionment: the counts add up to total exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map((x) => Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }
  return counts;
}

/**
 * 村集体经济收入: a 贫困村 has next to none until it is delisted (the delisting rule asks for a
 * collective income), others a steadily growing one. Whole hundreds of 元, so the 万元 column of
 * the template holds them exactly to two decimals.
 */
function collectiveIncome(rng: Random, poor: boolean, delistedYear: number | null): { year: number; amount: number }[] {
  let base = poor ? rng.uniform(3000, 15000) : rng.uniform(30000, 250000);
  return COLLECTIVE_YEARS.map((year) => {
    if (poor && delistedYear !== null && year === delistedYear) base = Math.max(base, rng.uniform(30000, 60000));
    const amount = Math.round(base / 100) * 100;
    base *= rng.uniform(1.03, 1.15);
    return { year, amount: yuan(amount) };
  });
}

/** The 村情 rows: one per village and year of collective income. */
export function villageRows(layout: DemoLayout): VillageRow[] {
  const rows: VillageRow[] = [];
  for (const v of layout.villages) {
    for (const c of v.collectiveIncome) {
      rows.push({
        areaCode: v.areaCode, township: v.township, village: v.name, poorVillage: v.poor,
        delistedYear: v.delistedYear, year: c.year, collectiveIncome: c.amount,
      });
    }
  }
  return rows;
}
