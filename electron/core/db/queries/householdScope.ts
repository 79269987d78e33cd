import type { GroupDimension, MetricFilter } from '../../../../shared/api/metricScope';

/** A piece of SQL and its bound parameters, in order. */
export interface SqlPart {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The households a metric looks at, as a WHERE condition on the alias `h` (household). Column
 * names come from this file only; every value is a bound parameter.
 */
export interface HouseholdScope {
  readonly snapshotId: number;
  /** `h.snapshot_id = ? AND …` */
  readonly where: SqlPart;
  /** True when the filter narrows the county (then queries must join household). */
  readonly filtered: boolean;
  /**
   * True when the filter names townships: household_area finds the scope's households by key, so a
   * query over a county-wide table is quicker driven by them than filtering every row of the table.
   */
  readonly byArea: boolean;
}

function inList(column: string, values: readonly unknown[]): SqlPart {
  return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: values };
}

const FIRST_EXIT_YEAR = `(SELECT MIN(fe.year) FROM event fe WHERE fe.household_id = h.id AND fe.type = '脱贫')`;

export function householdScope(snapshotId: number, filter: MetricFilter = {}): HouseholdScope {
  const parts: SqlPart[] = [{ sql: 'h.snapshot_id = ?', params: [snapshotId] }];
  if (filter.townships?.length) parts.push(inList('h.township', filter.townships));
  if (filter.villages?.length) parts.push(inList('h.village', filter.villages));
  if (filter.attributes?.length) parts.push(inList('h.attribute', filter.attributes));
  if (filter.householdTypes?.length) parts.push(inList('h.type', filter.householdTypes));
  if (filter.mainCauses?.length) parts.push(inList('h.main_cause', filter.mainCauses));
  if (filter.exitCohorts?.length) parts.push(inList(FIRST_EXIT_YEAR, filter.exitCohorts));
  return {
    snapshotId,
    where: { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) },
    filtered: parts.length > 1,
    byArea: (filter.townships?.length ?? 0) > 0,
  };
}

/**
 * The SQL value of a grouping dimension for the household `h` (text, or NULL when blank). The exit
 * methods read the derived exit_attribution table (latest exit of the household) under a line set.
 */
export function groupExpression(dimension: GroupDimension, lineSet: string): SqlPart {
  switch (dimension) {
    case 'county': return { sql: 'h.county', params: [] };
    case 'township': return { sql: 'h.township', params: [] };
    // Village names repeat across townships: the group names both.
    case 'village': return { sql: `h.township || '/' || h.village`, params: [] };
    case 'poorVillage': return { sql: `CASE h.poor_village WHEN 1 THEN '是' WHEN 0 THEN '否' END`, params: [] };
    case 'householdType': return { sql: 'h.type', params: [] };
    case 'attribute': return { sql: 'h.attribute', params: [] };
    case 'mainCause': return { sql: 'h.main_cause', params: [] };
    case 'status': return { sql: 'h.status', params: [] };
    case 'exitCohort': return { sql: `CAST(${FIRST_EXIT_YEAR} AS TEXT)`, params: [] };
    case 'exitMethodIncome':
      return {
        sql: `(SELECT a.income_method FROM exit_attribution a WHERE a.household_id = h.id AND a.line_set = ? AND a.is_latest = 1)`,
        params: [lineSet],
      };
    case 'exitMethodStructural':
      return {
        sql: `(SELECT a.structural_method FROM exit_attribution a WHERE a.household_id = h.id AND a.line_set = ? AND a.is_latest = 1)`,
        params: [lineSet],
      };
  }
}
