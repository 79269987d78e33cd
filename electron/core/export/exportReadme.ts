/** README.md written into every export folder: what is there and how other engines read it. */
export const EXPORT_README = `# 脱贫成效分析工作站 · Parquet 导出

One folder per county and snapshot, Hive style: \`county_code=<6 位代码>/as_of=<截止日期>/<表>.parquet\`.
Every file also carries \`county_code\` and \`as_of\` as columns.

| file | rows |
|---|---|
| household.parquet | 户信息 (ID numbers only as salted hash + masked form; 户主姓名 only when exported with names) |
| person.parquet | 家庭成员 (same rule) |
| income.parquet | 收入情况, one row per household and year (net and per_capita as the workstation derived them) |
| measure.parquet, event.parquet | 帮扶措施, 状态变化 |
| area.parquet, village_year.parquet | 乡镇/村 and 村集体经济收入 |
| line.parquet | the line set in use: 贫困线, 监测标准 and L(Y) = 贫困线, else 监测标准 |
| code_label.parquet | the raw texts of 返贫原因 / 风险 / 监测类别 / 消除方式 and the label the 口径 counts them under |
| snapshot.parquet | the snapshot: county name, line set, source SHA-256 |

\`manifest.json\` lists the counties, every file with its row count and SHA-256, and the line set of each
snapshot. \`koujing.sql\` defines the workstation's figures as views (koujing_income_by_year,
koujing_income_cagr, koujing_exit_attribution, koujing_returns_by_year, koujing_monitoring_*,
koujing_flows …); rows with \`scope = 'total'\` pool every partition of the folder (for a prefecture
total, export one snapshot per county).

## DuckDB

\`\`\`sh
cd <this folder>
duckdb -c ".read koujing.sql" -c "FROM koujing_income_by_year ORDER BY scope, county_code, year"
\`\`\`

## Spark SQL

Register each table over the files of every partition, then run koujing.sql from part 2 on:

\`\`\`sql
CREATE OR REPLACE TEMP VIEW household USING parquet
  OPTIONS (path '<folder>/county_code=*/as_of=*/household.parquet', mergeSchema 'true');
-- … the same for person, income, measure, event, area, village_year, line, code_label, snapshot
\`\`\`

The flow ledger (koujing_flow_event, koujing_flows) uses WITH RECURSIVE: Spark 4.1 or later.

## Trino

Load the files into one table per name (Hive connector: an external table per file name, or copy them
into Iceberg tables), then replace part 1 by \`CREATE OR REPLACE VIEW household AS SELECT * FROM
hive.tuopin.household\` and so on. Everything after part 1 is standard SQL.
`;
