import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardMetrics } from '../../../shared/api/standardMetrics';
import { makeTempDir } from '../import/support/tempDir';
import { cli, libreOfficeToPdf, pdfPages, pdfText, readDocx, readXlsx, renderPages, squeeze } from './readers';

/**
 * The three formats of the briefing report written by the real CLI on the demo county and the tiny
 * sample county, and read back with real readers: python-docx, openpyxl, LibreOffice, poppler. The
 * figures are compared with `tuopin metrics --json` of the same database, written as report.md says
 * (the rules are restated here, not imported from the code under test).
 */

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'tiny-county.xlsx');

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const growth = (x: number): string => {
  const r = Number((x * 100).toFixed(1));
  return r < 0 ? `下降${(-r).toFixed(1)}%` : `增长${r.toFixed(1)}%`;
};
// Exits count a person once per exit event: 人次, the word the app's 脱贫方式 and 综述 use.
const personTimes = (n: number): string => (n >= 10_000 ? `${(n / 10_000).toFixed(1)}万人次` : `${n}人次`);

type Sheet = { rows: (string | number | null)[][]; freeze: string | null; formats: string[][] };

/** The rows under a sheet's header row (the row whose first cell is `first`), and the header. */
function body(sheet: Sheet | undefined, first: string): {
  header: (string | number | null)[]; rows: (string | number | null)[][]; formats: string[][];
} {
  expect(sheet, `sheet with header ${first}`).toBeDefined();
  const s = sheet as Sheet;
  const at = s.rows.findIndex((r) => r[0] === first);
  expect(at, `header row ${first}`).toBeGreaterThan(0);
  return { header: s.rows[at] ?? [], rows: s.rows.slice(at + 1), formats: s.formats.slice(at + 1) };
}

/** A count cell: the number, or "<3" when the count is 1 or 2 (circulation mode). */
function expectCount(cell: string | number | null | undefined, n: number, what: string): void {
  if (n > 0 && n < 3) expect(cell, what).toBe('<3');
  else expect(cell, what).toBe(n);
}

const COUNTIES = [
  { name: 'demo', setup: (db: string) => ['demo', '--db', db] },
  { name: 'tiny', setup: (db: string) => ['import', FIXTURE, '--db', db] },
] as const;

describe.each(COUNTIES)('the report of the $name county', ({ name, setup }) => {
  const tmp = makeTempDir(`report-${name}`);
  const db = tmp.path('county.sqlite');
  let m: StandardMetrics;
  let sentences: string[];
  const file = (ext: string): string => tmp.path(`report.${ext}`);

  beforeAll(async () => {
    const made = await cli(setup(db));
    expect(made.code, made.err).toBe(0);
    const metrics = await cli(['metrics', '--db', db, '--json']);
    expect(metrics.code, metrics.err).toBe(0);
    m = JSON.parse(metrics.out) as StandardMetrics;
    const support = m.exits.attribution.income['兜底保障'];
    expect(m.income.cagr?.value).toEqual(expect.any(Number));
    expect(support).toBeDefined();
    // The two sentences the issue names: 年均增长 and the 兜底 share, as metrics --json gives them.
    sentences = [
      `年均${growth(m.income.cagr?.value ?? NaN)}（截面口径`,
      `兜底保障脱贫${personTimes(support?.persons ?? NaN)}，占${pct(support?.share ?? NaN)}`,
    ];
  }, 120_000);
  afterAll(() => tmp.remove());

  it('writes a DOCX in the 公文 layout whose text carries the metrics', async () => {
    const r = await cli(['report', '--db', db, '--format', 'docx', '--out', file('docx'), '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { out: string; format: string; mode: string; sha256: string; elapsedMs: number };
    expect(out).toMatchObject({ out: file('docx'), format: 'docx', mode: 'circulation' });
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    const d = readDocx(file('docx'));
    const text = d.paragraphs.join('\n');
    for (const s of sentences) expect(text).toContain(s);
    expect(d.paragraphs[0]).toBe(`关于${m.snapshot.county}巩固拓展脱贫攻坚成果工作情况的报告`);
    expect(text).toContain('县人大常委会：');
    expect(text).toContain('【待填写】');
    expect(d.page).toEqual({ width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 });
    expect(d.images).toBeGreaterThanOrEqual(6);
    expect(d.tables.length).toBeGreaterThanOrEqual(8);
    for (const t of d.tables) expect(t.headerRepeated).toBe(true);
    expect(d.evenAndOddFooters).toBe(true);
    for (const f of d.footerXml) expect(f).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]* —<\/w:t>/);
    expect(d.footerXml[0]).toContain('w:val="right"');
    expect(d.footerXml[1]).toContain('w:val="left"');
  }, 120_000);

  it('LibreOffice converts the DOCX to a PDF that holds the same sentences, every page renders', () => {
    const pdf = libreOfficeToPdf(file('docx'), tmp.dir);
    expect(existsSync(pdf)).toBe(true);
    const text = squeeze(pdfText(pdf));
    for (const s of sentences) expect(text).toContain(squeeze(s));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(3);
    const pngs = renderPages(pdf, tmp.dir, 'lo');
    expect(pngs).toHaveLength(pages);
    for (const p of pngs) expect(statSync(p).size).toBeGreaterThan(2000);
  }, 240_000);

  it('writes a PDF through Chromium with the same sentences; pdftoppm renders every page', async () => {
    const r = await cli(['report', '--db', db, '--format', 'pdf', '--out', file('pdf'), '--json']);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { pages: number };
    const pages = pdfPages(file('pdf'));
    expect(out.pages).toBe(pages);
    const text = squeeze(pdfText(file('pdf')));
    for (const s of sentences) expect(text).toContain(squeeze(s));
    expect(text).toContain('—1—');
    const pngs = renderPages(file('pdf'), tmp.dir, 'pdf');
    expect(pngs).toHaveLength(pages);
  }, 180_000);

  it('writes an XLSX whose sheets hold the metrics, with 口径 on top, frozen headers and number formats', async () => {
    const r = await cli(['report', '--db', db, '--format', 'xlsx', '--out', file('xlsx'), '--json']);
    expect(r.code, r.err).toBe(0);
    const wb = readXlsx(file('xlsx'));
    for (const [title, sheet] of Object.entries(wb)) {
      if (title === '口径说明') continue;
      expect(String(sheet.rows[1]?.[0]), title).toMatch(/^口径：/);
      expect(sheet.freeze, title).toMatch(/^A\d+$/);
    }

    const income = body(wb['人均纯收入'], '年度');
    expect(income.rows.map((r) => r[0])).toEqual(m.income.byYear.map((y) => String(y.year)));
    m.income.byYear.forEach((y, i) => {
      const row = income.rows[i] ?? [];
      expectCount(row[1], y.households, `${y.year} 户数`);
      expectCount(row[2], y.persons, `${y.year} 人口`);
      expect(row[3], `${y.year} 人均纯收入`).toBe(Math.round(y.perCapita ?? NaN));
      expect(income.formats[i]?.[3]).toBe('#,##0');
      if (y.yoy !== null) {
        expect(row[10]).toBeCloseTo(y.yoy, 12);
        expect(income.formats[i]?.[10]).toBe('0.0%');
      }
    });

    const exits = body(wb['脱贫方式'], '年度');
    const supportColumn = exits.header.indexOf('兜底保障');
    const total = exits.rows.find((r) => r[0] === '合计') ?? [];
    expectCount(total[supportColumn], m.exits.attribution.income['兜底保障']?.persons ?? NaN, '兜底保障 合计');
    for (const [method, share] of Object.entries(m.exits.attribution.income)) {
      expectCount(total[exits.header.indexOf(method)], share.persons, `${method} 合计`);
    }

    const returns = body(wb['返贫'], '年度');
    expect(returns.rows.map((r) => r[0])).toEqual(m.returns.byYear.map((y) => String(y.year)));
    m.returns.byYear.forEach((y, i) => {
      expectCount(returns.rows[i]?.[1], y.households, `${y.year} 返贫户`);
      expectCount(returns.rows[i]?.[2], y.persons, `${y.year} 返贫人口`);
    });

    const monitoring = body(wb['监测对象'], '类别');
    for (const [category, v] of Object.entries(m.monitoring.byCategory)) {
      const row = monitoring.rows.find((r) => r[0] === category) ?? [];
      expectCount(row[1], v.households, `${category} 户`);
      expectCount(row[2], v.persons, `${category} 人`);
    }
  }, 120_000);
});
