import type { Db } from '../db/database';
import { replaceCpi, selectCpi } from '../db/queries/cpiQueries';
import type { CpiPoint } from '../../../shared/api/lines';
import { Refusal } from '../refusal';

/** The series the app offers by default (农村居民消费价格指数, 上年 = 100). */
export const DEFAULT_CPI_SERIES = 'rural';

export function getCpiSeries(db: Db, series = DEFAULT_CPI_SERIES): CpiPoint[] {
  return selectCpi(db, series);
}

export function setCpiSeries(db: Db, series: string, points: readonly CpiPoint[]): CpiPoint[] {
  const years = new Set<number>();
  for (const p of points) {
    if (years.has(p.year)) throw new Refusal('invalid_request', `价格指数 ${p.year} 年重复`);
    // An index far from 100 is almost always 上年=100 confused with a rate (2.1) or a base-year index.
    if (p.index < 50 || p.index > 200) {
      throw new Refusal('invalid_request', `价格指数 ${p.year} 年为 ${p.index}：请按“上年 = 100”录入（如 102.1）`);
    }
    years.add(p.year);
  }
  replaceCpi(db, series, [...points].sort((a, b) => a.year - b.year));
  return selectCpi(db, series);
}
