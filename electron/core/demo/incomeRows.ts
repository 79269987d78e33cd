import type { IncomeRow } from '../db/snapshotRows';
import { NATIONAL_LINES, lineForYear } from '../../../shared/domain/povertyLines';
import { LAST_EXIT_YEAR, LAST_YEAR, type ExitPath, type HouseholdStory } from './householdStory';
import type { DemoMember } from './members';
import { type Random, yuan } from './random';

/**
 * The line the demo aims at each year: the national line to 2020, then a monitoring threshold
 * rising from the shipped 6000 (later years are the province's to set; these only shape the data).
 */
const THRESHOLDS_AFTER_2020: Readonly<Record<number, number>> = { 2021: 6000, 2022: 6300, 2023: 6600 };

export function demoLine(year: number): number {
  return lineForYear(NATIONAL_LINES, year) ?? THRESHOLDS_AFTER_2020[year] ?? 6600;
}

/** Rural pension (城乡居民基础养老金) per elderly person and year, roughly as paid in the southwest. */
const PENSION_RATE: readonly number[] = Array.from({ length: 12 }, (_, i) => 840 * Math.pow(1.065, i));

function pensionRate(year: number): number {
  return PENSION_RATE[year - 2014] ?? 1500;
}

export interface IncomeContext {
  readonly story: HouseholdStory;
  readonly members: readonly DemoMember[];
  readonly householdCode: string;
  /** 家庭人口数 recorded with each year's income. */
  readonly sizeOf: (year: number) => number;
}

type Source = 'wage' | 'business' | 'property' | 'transfer';

const DOMINANT: Readonly<Record<Exclude<ExitPath, 'support'>, Source>> = {
  employment: 'wage', industry: 'business', asset: 'property', transfer: 'transfer',
};

interface Household {
  readonly supportShare: number;
  readonly familyPlanning: boolean;
  readonly eco: boolean;
  readonly otherWeights: Readonly<Record<Source, number>>;
  readonly dominantShare: number;
  readonly businessCostShare: number;
}

/**
 * 人均纯收入 of each year: under the line while poor, lifted above it at each exit (a few flagged
 * exceptions stay under: 收入未达线), dropping under it in a 返贫 year, growing 9–20 % a year after
 * exit to 2020 (the years of 脱贫攻坚) and 7–13 % from 2021. Returns per-capita values for every year from identification
 * to 2023.
 */
function perCapitaPath(rng: Random, story: HouseholdStory, firstYear: number): Map<number, number> {
  const out = new Map<number, number>();
  const exits = new Set(story.exits);
  const support = story.path === 'support';
  let p = 0;
  let exited = false;
  for (let y = firstYear; y <= LAST_YEAR; y++) {
    const line = demoLine(y);
    if (y === firstYear) {
      p = story.registered ? line * rng.uniform(0.72, 0.97) : line * rng.uniform(0.75, 1.4);
    } else if (!exited && story.registered) {
      p *= 1 + rng.uniform(0.03, 0.09);
    } else if (y <= LAST_EXIT_YEAR) {
      p *= 1 + (support ? rng.uniform(0.09, 0.14) : rng.uniform(0.12, 0.2));
    } else {
      p *= 1 + (support ? rng.uniform(0.07, 0.11) : rng.uniform(0.08, 0.13));
    }
    if (exits.has(y)) {
      exited = true;
      if (story.shortfallExit === y) p = line * rng.uniform(0.86, 0.98);
      else p = Math.max(p, line * (support ? rng.uniform(1.06, 1.45) : rng.uniform(1.2, 2)));
    } else if (y === story.returnYear) {
      exited = false;
      p = line * rng.uniform(0.6, 0.95);
    } else if (story.registered && !exited) {
      p = Math.min(p, line * rng.uniform(0.8, 0.97));
    } else if (story.registered && y <= LAST_EXIT_YEAR) {
      p = Math.max(p, line * rng.uniform(1.05, 1.3));
    }
    if (story.monitoring && Number(story.monitoring.date.slice(0, 4)) === y) p *= rng.uniform(0.72, 0.9);
    out.set(y, p);
  }
  return out;
}

function householdTraits(rng: Random, story: HouseholdStory): Household {
  return {
    supportShare: rng.uniform(0.42, 0.68),
    familyPlanning: rng.chance(0.1),
    eco: rng.chance(0.3),
    otherWeights: {
      wage: story.path === 'support' ? rng.uniform(0.05, 0.35) : rng.uniform(0.4, 1),
      business: rng.uniform(0.2, 0.8),
      property: rng.uniform(0, 0.12),
      transfer: rng.uniform(0.15, 0.5),
    },
    dominantShare: story.path === 'asset' ? rng.uniform(0.5, 0.6) : rng.uniform(0.52, 0.72),
    businessCostShare: rng.uniform(0.2, 0.55),
  };
}

/**
 * Shares of the non-support income by source, written into `out` (reused: this runs for every
 * income row of the county): the path's source dominates; transfers gain weight over the years.
 */
function sourceShares(story: HouseholdStory, traits: Household, year: number, out: Record<Source, number>): void {
  const w = traits.otherWeights;
  const transferWeight = w.transfer * (1 + 0.08 * (year - 2014));
  if (story.path === 'support') {
    const sum = w.wage + w.business + w.property + transferWeight;
    out.wage = w.wage / sum;
    out.business = w.business / sum;
    out.property = w.property / sum;
    out.transfer = transferWeight / sum;
    return;
  }
  const dominant = DOMINANT[story.path];
  // The dominant source takes more than half, so it stays the largest whatever the others draw;
  // it yields a little ground each year (transfers rising), never its majority.
  const dominantShare = Math.max(0.505, traits.dominantShare - 0.008 * (year - 2014));
  out.wage = dominant === 'wage' ? 0 : w.wage;
  out.business = dominant === 'business' ? 0 : w.business;
  out.property = dominant === 'property' ? 0 : w.property;
  out.transfer = dominant === 'transfer' ? 0 : transferWeight;
  const restSum = out.wage + out.business + out.property + out.transfer;
  const scale = (1 - dominantShare) / restSum;
  out.wage *= scale;
  out.business *= scale;
  out.property *= scale;
  out.transfer *= scale;
  out[dominant] = dominantShare;
}

/**
 * The 收入情况 rows of one household. Amounts are whole 元; 纯收入 = Σ sources − 经营支出 holds
 * exactly, and the support share is set so that the income method of metrics.md tells the
 * household's story: a support exit has (纯收入 − 低保金 − 特困供养金)/人口 under the line, a
 * development exit has it above and its own source largest.
 */
export function generateIncome(rng: Random, ctx: IncomeContext, years: readonly number[]): IncomeRow[] {
  const { story, members } = ctx;
  if (years.length === 0) return [];
  const firstYear = story.identifiedYear ?? (years[0] as number);
  const path = perCapitaPath(rng, story, firstYear);
  const traits = householdTraits(rng, story);
  const exits = new Set(story.exits);
  const rows: IncomeRow[] = [];
  const shares: Record<Source, number> = { wage: 0, business: 0, property: 0, transfer: 0 };
  for (const year of years) {
    const size = ctx.sizeOf(year);
    const perCapita = path.get(year) as number;
    const line = demoLine(year);
    const net = yuan(perCapita * size);

    let supportShare = 0;
    if (story.path === 'support') {
      supportShare = traits.supportShare + rng.uniform(-0.05, 0.05);
      if (exits.has(year) && story.shortfallExit !== year) supportShare = Math.max(
        supportShare, 1 - line / perCapita + rng.uniform(0.03, 0.1),
      );
      supportShare = Math.min(0.95, supportShare);
    } else if (story.attribute === '低保贫困户') {
      supportShare = rng.uniform(0.04, 0.12);
      if (exits.has(year)) supportShare = Math.max(0, Math.min(supportShare, 1 - (1.02 * line) / perCapita));
    }
    const support = yuan(net * supportShare);
    const rest = net - support;
    sourceShares(story, traits, year, shares);

    let wage = yuan(rest * shares.wage);
    const netBusiness = yuan(rest * shares.business);
    const property = yuan(rest * shares.property);
    let transfer = rest - wage - netBusiness - property;
    if (transfer < 0) {
      wage += transfer;
      transfer = 0;
    }
    let elderly = 0;
    for (const m of members) if (m.birthYear <= year - 60) elderly++;
    const pension = Math.min(transfer, yuan(elderly * pensionRate(year) * rng.uniform(0.95, 1.1)));
    let left = transfer - pension;
    const familyPlanning = traits.familyPlanning ? Math.min(left, 960) : 0;
    left -= familyPlanning;
    const eco = traits.eco ? Math.min(left, yuan(rng.uniform(200, 1500))) : 0;
    left -= eco;
    const businessCost = yuan(netBusiness * traits.businessCostShare);
    const isTekun = story.attribute === '特困供养贫困户';
    rows.push({
      householdCode: ctx.householdCode,
      year,
      size,
      wage,
      business: netBusiness + businessCost,
      businessCost,
      property,
      transfer: transfer + support,
      familyPlanning,
      dibao: isTekun ? 0 : support,
      tekun: isTekun ? support : 0,
      pension,
      eco,
      otherTransfer: left,
      sourceRow: null,
    });
  }
  return rows;
}
