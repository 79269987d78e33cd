import { KOUJING_INCOME } from './koujingIncome';
import { koujingExits } from './koujingExits';
import { koujingFlows } from './koujingFlows';

/** The tables of an export folder, as koujing.sql's source views name them. */
export const KOUJING_SOURCE_TABLES = [
  'household', 'person', 'income', 'measure', 'event', 'area', 'village_year', 'line', 'code_label', 'snapshot',
] as const;

const HEADER = `-- koujing.sql — 脱贫成效分析工作站的口径（metrics.md），写成可移植的 SQL。
-- The figures of \`tuopin metrics --json\`, computed over every county of this folder; rows with
-- county_code NULL (scope = 'total') are the total of all counties, computed from the pooled rows
-- (Σ over the rows of every county, never a sum or mean of the counties' ratios). The total pools
-- every partition of the folder: for a prefecture total, export one snapshot per county.
--
-- Run with DuckDB from this folder:   duckdb -c ".read koujing.sql" -c "FROM koujing_income_by_year"
-- Spark SQL / Trino: replace the source views of part 1 by views on your tables (README.md);
-- every view after part 1 is standard SQL (GROUPING SETS, window functions, WITH RECURSIVE for the
-- flow ledger, IS NOT DISTINCT FROM, POWER).
`;

/**
 * Part 1: one view per table over the folder's partitions. DuckDB-specific (read_parquet); the
 * files carry county_code and as_of themselves, so Hive partition discovery is not needed.
 */
function sources(): string {
  return `
-- ── 1. Sources (DuckDB's read_parquet; engine-specific — point these at your tables elsewhere) ──
${KOUJING_SOURCE_TABLES.map((t) => `CREATE OR REPLACE VIEW ${t} AS SELECT * FROM read_parquet('county_code=*/as_of=*/${t}.parquet', hive_partitioning = false, union_by_name = true);`).join('\n')}
`;
}

/** The whole koujing.sql written next to the exported data. */
export function koujingSql(): string {
  return [HEADER, sources(), KOUJING_INCOME, koujingExits(), koujingFlows()].join('\n');
}
