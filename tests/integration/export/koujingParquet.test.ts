import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/core/db/database';
import { exportParquet } from '../../../electron/core/export/parquetExport';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import type { ExportManifest } from '../../../shared/api/export';

/*
 * Two demo counties of different codes in one database, exported with `tuopin export`, koujing.sql
 * run by DuckDB over the folder: every per-county figure must be the figure of `tuopin metrics
 * --json` for that county, and the total rows the figures recomputed here from the pooled rows.
 */

let dir: string;
let dbPath: string;
let out: string;
let con: DuckDBConnection;
let instance: DuckDBInstance;
const metrics = new Map<string, StandardMetrics>();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let o = '';
  let e = '';
  const code = await runCli(args, { out: (t) => { o += `${t}\n`; }, err: (t) => { e += `${t}\n`; } });
  return { code, out: o, err: e };
}

type Row = Record<string, unknown>;

function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

async function rows(sql: string): Promise<Row[]> {
  const reader = await con.runAndReadAll(sql);
  const names = reader.columnNames();
  return reader.getRows().map((r) => Object.fromEntries(r.map((v, i) => [names[i] as string, plain(v)])));
}

const COUNTIES = [
  { code: '532999', snapshot: 1 },
  { code: '532998', snapshot: 2 },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-koujing-'));
  dbPath = join(dir, 'two.sqlite');
  out = join(dir, 'parquet');
  expect((await cli(['demo', '--db', dbPath, '--households', '900', '--seed', '3', '--one-snapshot'])).code).toBe(0);
  expect((await cli(['demo', '--db', dbPath, '--households', '700', '--seed', '7', '--county-code', '532998', '--county-name', '绿水县', '--one-snapshot'])).code).toBe(0);
  const exported = await cli(['export', '--db', dbPath, '--all', '--format', 'parquet', '--out', out, '--json']);
  expect(exported.code, exported.err).toBe(0);
  for (const c of COUNTIES) {
    const m = await cli(['metrics', '--db', dbPath, '--snapshot', String(c.snapshot), '--json']);
    expect(m.code, m.err).toBe(0);
    metrics.set(c.code, JSON.parse(m.out) as StandardMetrics);
  }
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(`SET file_search_path = '${out.replace(/'/g, "''")}'`);
  await con.run(readFileSync(join(out, 'koujing.sql'), 'utf8'));
}, 240_000);

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

function county(code: string): StandardMetrics {
  const m = metrics.get(code);
  if (!m) throw new Error(`no metrics for ${code}`);
  return m;
}

describe('koujing.sql over a two-county export', () => {
  it('writes one Hive-style partition per county with a manifest of row counts and SHA-256', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(manifest.counties.sort()).toEqual(['532998', '532999']);
    expect(readdirSync(out).sort()).toEqual(['README.md', 'county_code=532998', 'county_code=532999', 'koujing.sql', 'manifest.json']);
    const qs = manifest.partitions.find((p) => p.countyCode === '532999');
    expect(qs?.path).toBe('county_code=532999/as_of=2023-12-31');
    expect(qs?.lineSet).toBe('national');
    expect(qs?.files.find((f) => f.table === 'household')?.rows).toBe(900);
    for (const f of qs?.files ?? []) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives every county the income by year of tuopin metrics (Σ纯收入 ÷ Σ人口), its median and CAGR', async () => {
    const byYear = await rows(`FROM koujing_income_by_year WHERE scope = 'county'`);
    const medians = await rows(`FROM koujing_income_median WHERE scope = 'county'`);
    const cagr = await rows(`FROM koujing_income_cagr WHERE scope = 'county'`);
    const panel = await rows(`FROM koujing_income_panel_cagr`);
    for (const c of COUNTIES) {
      const m = county(c.code);
      const mine = byYear.filter((r) => r.county_code === c.code).sort((a, b) => Number(a.year) - Number(b.year));
      expect(mine.map((r) => r.year)).toEqual(m.income.byYear.map((y) => y.year));
      m.income.byYear.forEach((y, k) => {
        const r = mine[k] as Row;
        expect([r.households, r.persons]).toEqual([y.households, y.persons]);
        expect(r.per_capita).toBeCloseTo(y.perCapita as number, 9);
        for (const [col, key] of [['wage', 'wage'], ['net_business', 'netBusiness'], ['property', 'property'], ['transfer', 'transfer'], ['support', 'support']] as const) {
          expect(r[col] as number).toBeCloseTo(y[key] as number, 9);
        }
        const median = medians.find((x) => x.county_code === c.code && x.year === y.year);
        expect(median?.median_per_capita).toBe(y.medianPerCapita);
      });
      const g = cagr.find((r) => r.county_code === c.code) as Row;
      expect([g.year_from, g.year_to]).toEqual([m.income.cagr?.from, m.income.cagr?.to]);
      expect(g.cagr as number).toBeCloseTo(m.income.cagr?.value as number, 12);
      const p = panel.find((r) => r.county_code === c.code) as Row;
      expect(p.households).toBe(m.income.panelCagr?.households);
      expect(p.cagr as number).toBeCloseTo(m.income.panelCagr?.value as number, 12);
    }
  });

  it('gives the exits by year and the income and structural attribution of tuopin metrics', async () => {
    const byYear = await rows(`FROM koujing_exits_by_year WHERE scope = 'county'`);
    const attribution = await rows(`FROM koujing_exit_attribution WHERE scope = 'county'`);
    for (const c of COUNTIES) {
      const m = county(c.code);
      const mine = byYear.filter((r) => r.county_code === c.code).sort((a, b) => Number(a.year) - Number(b.year));
      expect(mine.map((r) => [r.year, r.households, r.persons])).toEqual(
        m.exits.byYear.map((y) => [y.year, y.households, y.persons]),
      );
      for (const method of ['income', 'structural'] as const) {
        const expected = Object.entries(m.exits.attribution[method]).filter(([, v]) => v.households > 0);
        const got = attribution.filter((r) => r.county_code === c.code && r.method === method);
        expect(got.length).toBe(expected.length);
        for (const [category, v] of expected) {
          const r = got.find((x) => x.category === category) as Row;
          expect([r.households, r.persons]).toEqual([v.households, v.persons]);
          expect(r.share).toBe(v.share);
        }
      }
      expect(Object.values(m.exits.attribution.income).reduce((s, v) => s + v.households, 0)).toBeGreaterThan(50);
    }
  });

  it('gives the returns, their causes and 返贫率 over the spec denominator as tuopin metrics does', async () => {
    const returns = await rows(`FROM koujing_returns_by_year WHERE scope = 'county'`);
    // The demo counties have years without a return (0 %), so the rows of such years are checked.
    expect(COUNTIES.flatMap((c) => county(c.code).returns.byYear).filter((y) => y.households === 0).length)
      .toBeGreaterThan(0);
    for (const c of COUNTIES) {
      const m = county(c.code);
      expect(m.returns.byYear.length).toBeGreaterThan(2);
      const years = returns.filter((r) => r.county_code === c.code && r.cause === null).map((r) => r.year);
      expect(years.sort()).toEqual(m.returns.byYear.map((y) => y.year));
      for (const y of m.returns.byYear) {
        const all = returns.find((r) => r.county_code === c.code && r.year === y.year && r.cause === null);
        // A year without returns is a 0 % year in both, with its denominator (not a missing row).
        expect(all, `returns ${c.code} ${y.year}`).toBeDefined();
        expect([all?.households, all?.persons, all?.rate]).toEqual([y.households, y.persons, y.rate]);
        const causes = returns.filter((r) => r.county_code === c.code && r.year === y.year && r.cause !== null);
        expect(causes.length).toBe(Object.keys(y.byCause).length);
        for (const [cause, v] of Object.entries(y.byCause)) {
          const r = causes.find((x) => x.cause === cause) as Row;
          expect([r.households, r.persons, r.rate]).toEqual([v.households, v.persons, v.rate]);
        }
      }
    }
  });

  it('gives the monitoring counts of tuopin metrics', async () => {
    const categories = await rows(`FROM koujing_monitoring_by_category WHERE scope = 'county'`);
    const risks = await rows(`FROM koujing_monitoring_by_risk WHERE scope = 'county'`);
    const eliminated = await rows(`FROM koujing_monitoring_eliminated WHERE scope = 'county'`);
    for (const c of COUNTIES) {
      const m = county(c.code);
      const expected = Object.entries(m.monitoring.byCategory).filter(([, v]) => v.households > 0);
      expect(expected.length).toBeGreaterThan(0);
      expect(
        categories.filter((r) => r.county_code === c.code).map((r) => [r.category, r.households, r.persons]).sort(),
      )
        .toEqual(expected.map(([k, v]) => [k, v.households, v.persons]).sort());
      expect(risks.filter((r) => r.county_code === c.code).map((r) => [r.risk, r.households]).sort())
        .toEqual(Object.entries(m.monitoring.byRisk).map(([k, v]) => [k, v.households]).sort());
      const e = eliminated.find((r) => r.county_code === c.code) as Row;
      expect([e.eliminated, e.rate]).toEqual([m.monitoring.eliminated.households, m.monitoring.eliminated.rate]);
    }
  });

  it('gives the stock-and-flow ledger of tuopin metrics, year by year in households and persons', async () => {
    const flows = await rows(`FROM koujing_flows WHERE scope = 'county'`);
    for (const c of COUNTIES) {
      const m = county(c.code);
      expect(m.flows.length).toBeGreaterThan(10);
      for (const f of m.flows) {
        const r = flows.find((x) => x.county_code === c.code && x.year === f.year && x.unit === f.unit) as Row;
        expect([r.start_stock, r.identified, r.returned, r.exited, r.natural_decrease, r.removed, r.end_stock])
          .toEqual([f.start, f.identified, f.returned, f.exited, f.naturalDecrease, f.removed, f.end]);
      }
      expect(flows.filter((x) => x.county_code === c.code).length).toBe(m.flows.length);
    }
    expect((await rows(`FROM koujing_flow_identity WHERE holds = 0`)).length).toBe(0);
  });
});

describe('the prefecture total of koujing.sql', () => {
  it('is the income by year of the pooled rows (Σ纯收入 ÷ Σ人口 over both counties), not a mean of the two', async () => {
    const db = new Database(dbPath, { readonly: true });
    try {
      const pooled = db.prepare(
        `SELECT year, COUNT(*) AS households, SUM(size) AS persons, TOTAL(net) AS net FROM income GROUP BY year ORDER BY year`,
      ).all() as { year: number; households: number; persons: number; net: number }[];
      const total = await rows(`FROM koujing_income_by_year WHERE scope = 'total' ORDER BY year`);
      expect(total.map((r) => [r.year, r.households, r.persons])).toEqual(
        pooled.map((p) => [p.year, p.households, p.persons]),
      );
      total.forEach((r, k) => expect(r.per_capita as number).toBeCloseTo(
        (pooled[k] as { net: number }).net / (pooled[k] as { persons: number }).persons, 9,
      ));
      const last = pooled[pooled.length - 1] as { year: number; persons: number; net: number };
      const means = [...metrics.values()].map(
        (m) => m.income.byYear.find((y) => y.year === last.year)?.perCapita as number,
      );
      const mean = (means[0] as number + (means[1] as number)) / 2;
      expect(Math.abs((total[total.length - 1]?.per_capita as number) - mean)).toBeGreaterThan(1e-6);
      const cagr = (await rows(`FROM koujing_income_cagr WHERE scope = 'total'`))[0] as Row;
      const first = pooled[0] as { year: number; persons: number; net: number };
      const expected = Math.pow(
        (last.net / last.persons) / (first.net / first.persons), 1 / (last.year - first.year),
      ) - 1;
      expect(cagr.cagr as number).toBeCloseTo(expected, 12);
    } finally {
      db.close();
    }
  });

  it('pools exits, attribution shares, 返贫率 and flows from the counties\' rows', async () => {
    const [a, b] = [county('532999'), county('532998')];
    const attribution = await rows(`FROM koujing_exit_attribution WHERE scope = 'total' AND method = 'income'`);
    const allPersons = [a, b].reduce(
      (s, m) => s + Object.values(m.exits.attribution.income).reduce((t, v) => t + v.persons, 0), 0,
    );
    for (const r of attribution) {
      const category = r.category as string;
      const persons = (a.exits.attribution.income[category]?.persons ?? 0)
        + (b.exits.attribution.income[category]?.persons ?? 0);
      expect(r.persons).toBe(persons);
      expect(r.share).toBe(persons / allPersons);
    }
    const returns = await rows(`FROM koujing_returns_by_year WHERE scope = 'total' AND cause IS NULL`);
    for (const r of returns) {
      const ya = a.returns.byYear.find((y) => y.year === r.year);
      const yb = b.returns.byYear.find((y) => y.year === r.year);
      expect(r.persons).toBe((ya?.persons ?? 0) + (yb?.persons ?? 0));
      // The denominator pools every county's exited persons, whether or not it had returns that year.
      const county = await rows(`SELECT SUM(persons) AS p FROM (SELECT e.county_code, e.household_id, MIN(h.size) AS persons
        FROM event e JOIN household h ON h.county_code = e.county_code AND h.id = e.household_id
        WHERE e.type = '脱贫' GROUP BY 1, 2 HAVING MIN(e.year) <= ${Number(r.year) - 1})`);
      expect(r.rate).toBe((r.persons as number) / (county[0]?.p as number));
    }
    const flows = await rows(`FROM koujing_flows WHERE scope = 'total'`);
    for (const r of flows) {
      const fa = a.flows.find((f) => f.year === r.year && f.unit === r.unit);
      const fb = b.flows.find((f) => f.year === r.year && f.unit === r.unit);
      expect(r.end_stock).toBe((fa?.end ?? 0) + (fb?.end ?? 0));
      expect(r.exited).toBe((fa?.exited ?? 0) + (fb?.exited ?? 0));
    }
  });
});

describe('export refusals and privacy', () => {
  it('refuses a non-empty folder without --force, and writes no names and no ID number in clear', async () => {
    const refused = await cli(['export', '--db', dbPath, '--all', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('不是空的');
    const household = await rows(`DESCRIBE household`);
    // The partition columns are the files' own text, not a number and a date guessed from the path.
    expect(household.slice(0, 2).map((r) => [r.column_name, r.column_type]))
      .toEqual([['county_code', 'VARCHAR'], ['as_of', 'VARCHAR']]);
    expect(household.map((r) => r.column_name)).not.toContain('head_name');
    expect((await rows(`DESCRIBE person`)).map((r) => r.column_name)).not.toContain('name');
    const clear = await rows(`SELECT COUNT(*) AS n FROM person WHERE regexp_matches(COLUMNS(* EXCLUDE (county_code, as_of))::VARCHAR, '\\d{17}[\\dXx]')`);
    expect(clear[0]?.n).toBe(0);
  });

  it('writes names only when asked', async () => {
    const named = join(dir, 'named');
    expect((await cli(['export', '--db', dbPath, '--snapshot', '1', '--out', named, '--names'])).code).toBe(0);
    const r = await rows(`SELECT COUNT(head_name) AS n FROM read_parquet('${join(named, 'county_code=532999/as_of=2023-12-31/household.parquet')}')`);
    expect(r[0]?.n).toBe(900);
  });

  it('writes the same rows in the same order when a table is written in many batches', async () => {
    const parts = join(dir, 'batched');
    const db = openDatabase(dbPath);
    try {
      await exportParquet(db, { snapshotIds: [1], outDir: parts, names: false, force: false, batchHouseholds: 97 });
    } finally {
      db.close();
    }
    for (const table of ['household', 'person', 'income', 'event']) {
      const file = (root: string): string => join(root, 'county_code=532999/as_of=2023-12-31', `${table}.parquet`);
      const whole = await rows(`SELECT * FROM read_parquet('${file(out)}')`);
      const batched = await rows(`SELECT * FROM read_parquet('${file(parts)}')`);
      expect(batched.length).toBeGreaterThan(800);
      expect(batched).toEqual(whole);
    }
  });

  // income is written on the main thread, person on the export thread (when dist/ is built, as in `npm test`).
  it.each([
    { table: 'income', column: 'size' },
    { table: 'person', column: 'work_months' },
  ])('leaves no half-written partition when an export fails midway ($table)', async ({ table, column }) => {
    const broken = join(dir, `broken-${table}.sqlite`);
    const src = new Database(dbPath, { readonly: true });
    await src.backup(broken);
    src.close();
    const db = new Database(broken);
    // A text where the schema wants a whole number: the second county's table cannot be written.
    // Table and column come from the two fixed cases above.
    db.prepare(`UPDATE ${table} SET ${column} = 'abc' WHERE snapshot_id = 2
      AND household_id = (SELECT MIN(household_id) FROM ${table} WHERE snapshot_id = 2)`).run();
    db.close();
    const target = join(dir, `failed-${table}`);
    const failed = await cli(['export', '--db', broken, '--all', '--out', target]);
    expect(failed.code).not.toBe(0);
    expect(failed.err).toContain(`列 ${column} 应为整数`);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  });
});
