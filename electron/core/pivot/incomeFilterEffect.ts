import type { PivotIncomeFilter, PivotResult, PivotRunRequest } from '../../../shared/api/pivot';

type RunCore = (request: PivotRunRequest) => PivotResult;

function grandTotal(result: PivotResult): { households: number; persons: number } {
  // Neither rows nor columns: the one row is the grand total.
  const row = result.rows[0] ?? [];
  return { households: Number(row[0] ?? 0), persons: Number(row[1] ?? 0) };
}

/**
 * What the income year removed: the spec's filters counted once over every household and once
 * over the households with an income row of the year. Only for a year the user did not put in
 * the table or the filters (the latest, or the analysis setting); two cube reads.
 */
export function incomeFilterEffect(
  run: RunCore, request: PivotRunRequest, result: PivotResult,
): PivotIncomeFilter | null {
  const meta = result.meta;
  if (meta.grain !== 'income' || (meta.incomeYearSource !== 'latest' && meta.incomeYearSource !== 'spec')) return null;
  const filters = request.spec.filters ?? [];
  const counts = [{ measure: 'households' }, { measure: 'persons' }];
  const all = grandTotal(run({ ...request, spec: { values: counts, filters } }));
  const year = meta.incomeYear;
  const kept = year === null
    ? { households: 0, persons: 0 }
    : grandTotal(run({ ...request, spec: { values: [...counts, { measure: 'netIncome' }], filters, year } }));
  return {
    year, source: meta.incomeYearSource,
    households: all.households, persons: all.persons, keptHouseholds: kept.households, keptPersons: kept.persons,
  };
}
