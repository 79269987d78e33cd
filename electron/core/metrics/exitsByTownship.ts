import { selectExitMethodsByTownship } from '../db/queries/exitQueries';
import { ensureExitAttribution } from './exitAttribution';
import type { MetricScope } from './scope';

/** One township's exit events split 兜底保障 / the rest (income method), persons as in exits.ts. */
export interface TownshipExitMethods {
  readonly township: string;
  readonly events: number;
  readonly persons: number;
  readonly supportPersons: number;
  /** 兜底保障 exit persons ÷ all exit persons of the township (income method). */
  readonly supportShare: number;
}

/** The 兜底 share of exits by township over the scope's years (income method). */
export function exitMethodsByTownship(scope: MetricScope): TownshipExitMethods[] {
  ensureExitAttribution(scope);
  const rows = selectExitMethodsByTownship(scope.db, {
    households: scope.households, lineSet: scope.lineSet, from: scope.yearFrom, to: scope.yearTo,
  });
  const acc = new Map<string, { events: number; persons: number; supportPersons: number }>();
  for (const r of rows) {
    const a = acc.get(r.township) ?? { events: 0, persons: 0, supportPersons: 0 };
    a.events += r.events;
    a.persons += r.persons;
    if (r.method === '兜底保障') a.supportPersons += r.persons;
    acc.set(r.township, a);
  }
  return [...acc].map(([township, a]) => ({
    township, ...a, supportShare: a.persons > 0 ? a.supportPersons / a.persons : 0,
  })).sort((x, y) => y.supportShare - x.supportShare || x.township.localeCompare(y.township, 'zh-Hans-CN'));
}
