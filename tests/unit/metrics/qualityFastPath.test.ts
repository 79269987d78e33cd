import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/db/database';
import { deleteSnapshot } from '../../../electron/core/db/snapshotRepo';
import { writeDemoSnapshot } from '../../../electron/core/demo/writeDemoSnapshot';
import { forgetDerived } from '../../../electron/core/metrics/derived';
import { exitsForScope } from '../../../electron/core/metrics/exits';
import { flowsForScope } from '../../../electron/core/metrics/flows';
import { COLUMN_LISTS, prepareQuality, qualityMetrics } from '../../../electron/core/metrics/quality';
import { resolveScope } from '../../../electron/core/metrics/scope';
import { resolveCode, UNHEALTHY } from '../../../shared/domain/codeLists';
import { classOfMeasure } from '../../../shared/domain/measureClasses';
import { type MetricFilter } from '../../../shared/api/metricScope';
import { QUALITY_RULES, type QualityFinding, type QualityRequest, type QualityRule } from '../../../shared/api/quality';

/**
 * The stored, SQL-counted path of the data-quality check against a straightforward reference: every
 * rule recomputed here in plain JavaScript from the snapshot's rows (flow breaks and flagged exits
 * from the 动态调整 and 脱贫方式 metrics, whose lists the check re-reports). The demo county gets
 * a few anomalies of every kind first, so that no rule is compared on an empty list.
 */

type Row = Record<string, unknown>;
type Household = Row & { id: number; code: string; township: string; village: string; size: number };
type Person = Row & {
  id: number; household_id: number; id_hash: Buffer | null; id_masked: string | null; id_kind: string | null;
  id_valid: number | null; health: string | null;
};

let dir: string;
let db: Db;
let snapshotId: number;

function exec(sql: string, ...params: unknown[]): void {
  db.prepare(sql).run(...params);
}

/** A few anomalies of every kind the check looks for, spread over the county. */
function addAnomalies(): void {
  const ids = (sql: string, ...params: unknown[]): number[] =>
    (db.prepare(sql).raw().all(...params) as [number][]).map((r) => r[0]);
  // A person recorded twice, in two households (twice over: three households share one number).
  const persons = ids(`SELECT id FROM person WHERE id_hash IS NOT NULL ORDER BY id LIMIT 5 OFFSET 100`);
  exec(`UPDATE person SET id_hash = (SELECT id_hash FROM person WHERE id = ?) WHERE id IN (?, ?)`, persons[0], persons[2], persons[4]);
  // Codes outside the lists, one of them inside a 其他致贫原因 list.
  const hs = ids(`SELECT id FROM household ORDER BY id DESC LIMIT 40`);
  exec(`UPDATE household SET main_cause = '因婚' WHERE id IN (?, ?, ?)`, hs[0], hs[1], hs[2]);
  exec(`UPDATE household SET other_causes = '因病、乱码、因灾' WHERE id IN (?, ?)`, hs[3], hs[4]);
  exec(`UPDATE household SET type = '一般户,低保' WHERE id = ?`, hs[5]);
  exec(`UPDATE person SET labour = '半劳力' WHERE id IN (SELECT id FROM person WHERE household_id IN (?, ?, ?))`, hs[6], hs[7], hs[8]);
  exec(`UPDATE person SET relation = '表亲' WHERE id = (SELECT MIN(id) FROM person WHERE household_id = ?)`, hs[6]);
  exec(`UPDATE measure SET name = '修路' WHERE id IN (SELECT id FROM measure ORDER BY id LIMIT 4)`);
  exec(`UPDATE event SET reason = '不明' WHERE id IN (SELECT id FROM event WHERE type = '返贫' ORDER BY id LIMIT 3)`);
  // 低保贫困户 whose income rows never show 低保金.
  exec(`UPDATE income SET dibao = NULL WHERE household_id IN (SELECT id FROM household WHERE attribute = '低保贫困户' ORDER BY id LIMIT 6)`);
  // Formula warnings on stored income rows (two on one row).
  // The demo writes no source rows: three income rows get the sheet rows the warnings name.
  const rows = [90001, 90002, 90003];
  rows.forEach((row, k) => exec(
    `UPDATE income SET source_row = ? WHERE (household_id, year) = (SELECT household_id, year FROM income ORDER BY household_id DESC, year LIMIT 1 OFFSET ?)`,
    row, 40 * k + 7,
  ));
  const issue = db.prepare(
    `INSERT INTO import_issue(snapshot_id, severity, code, message, file, sheet, row) VALUES (?, 'warning', ?, ?, 'x.xlsx', '收入情况', ?)`,
  );
  rows.forEach((row, k) => issue.run(snapshotId, 'income.netMismatch', `收入情况第 ${row} 行：纯收入不符 ${k}`, row));
  issue.run(snapshotId, 'income.perCapitaMismatch', `收入情况第 ${rows[0]} 行：人均纯收入不符`, rows[0]);
  issue.run(snapshotId, 'income.otherWarning', '不是公式警告', rows[1]);
  // A 脱贫 event for a household never identified breaks the flow identity.
  const never = ids(`SELECT id FROM household h WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.household_id = h.id) ORDER BY id LIMIT 2`);
  const target = never.length > 0 ? never : hs.slice(10, 12);
  for (const h of target) exec(`INSERT INTO event(snapshot_id, household_id, year, type) VALUES (?, ?, 2016, '脱贫')`, snapshotId, h);
  for (const h of hs.slice(12, 14)) exec(`INSERT INTO event(snapshot_id, household_id, year, type) VALUES (?, ?, 2030, '自然减少')`, snapshotId, h);
  // A bad check digit.
  exec(`UPDATE person SET id_valid = 0 WHERE id IN (SELECT id FROM person ORDER BY id DESC LIMIT 3)`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tuopin-quality-'));
  db = openDatabase(join(dir, 'demo.sqlite'));
  snapshotId = (await writeDemoSnapshot(db, { households: 3000, seed: 11 })).snapshotId;
  addAnomalies();
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// ── The reference ────────────────────────────────────────────────────────────────────────────────

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function byArea(a: Household, b: Household): number {
  return cmp(a.township, b.township) || cmp(a.village, b.village) || cmp(a.code, b.code);
}
function groupBy<T>(rows: readonly T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(r);
    else out.set(key(r), [r]);
  }
  return out;
}
function splitCauses(text: string): string[] {
  return text.split(/[、,，;；/]/).map((t) => t.trim()).filter((t) => t !== '');
}
function known(list: (typeof COLUMN_LISTS)[number]['list'], v: string): boolean {
  return list === 'measure' ? classOfMeasure(v) !== null : resolveCode(list, v).known;
}
function inFilter(h: Household, filter: MetricFilter): boolean {
  return (!filter.townships || filter.townships.includes(h.township))
    && (!filter.villages || filter.villages.includes(h.village));
}

/** The snapshot's rows as the reference reads them (read once; forgotten when a test changes the rows). */
const loaded = new Map<string, Row[]>();

function reference(request: QualityRequest & { filter?: MetricFilter }): Map<QualityRule, QualityFinding[]> {
  const all = (sql: string): Row[] => {
    let rows = loaded.get(sql);
    if (!rows) {
      rows = db.prepare(sql).all(snapshotId) as Row[];
      loaded.set(sql, rows);
    }
    return rows;
  };
  const households = ([...all(`SELECT * FROM household WHERE snapshot_id = ?`)] as Household[]).sort(byArea);
  const byId = new Map(households.map((h) => [h.id, h]));
  const persons = (all(`SELECT * FROM person WHERE snapshot_id = ? ORDER BY id`) as Person[]);
  const members = groupBy(persons, (p) => p.household_id);
  const incomes = groupBy(all(`SELECT household_id, year, dibao, source_row FROM income WHERE snapshot_id = ? ORDER BY household_id, year`),
    (r) => r.household_id as number);
  const out = new Map<QualityRule, QualityFinding[]>(QUALITY_RULES.map((r) => [r, []]));
  const add = (rule: QualityRule, h: Household, detail: string): void => {
    if (!inFilter(h, request.filter ?? {})) return;
    out.get(rule)?.push({ rule, ruleLabel: '', householdCode: h.code, township: h.township, village: h.village, detail });
  };

  for (const h of households) {
    const ms = members.get(h.id) ?? [];
    if (h.main_cause === '因病' && ms.length > 0 && !ms.some((p) => p.health !== null && UNHEALTHY.includes(p.health))) {
      add('illnessWithoutUnhealthyMember', h, `主要致贫原因为因病，但 ${ms.length} 名家庭成员中无${UNHEALTHY.join('或')}者`);
    }
    const inc = incomes.get(h.id) ?? [];
    if (h.attribute === '低保贫困户' && inc.length > 0 && !inc.some((i) => typeof i.dibao === 'number' && i.dibao > 0)) {
      const years = inc.map((i) => i.year as number);
      add('dibaoWithoutDibaoIncome', h, `低保贫困户，但 ${Math.min(...years)}–${Math.max(...years)} 年的收入记录中低保金均为空或 0`);
    }
  }

  const issues = all(`SELECT id, code, message, row FROM import_issue WHERE snapshot_id = ? ORDER BY id`)
    .filter((i) => ['income.netMismatch', 'income.perCapitaMismatch', 'income.transferMismatch'].includes(i.code as string) && i.row !== null);
  const incomeOfRow = new Map<number, Row[]>();
  for (const rows of incomes.values()) for (const i of rows) if (i.source_row !== null) {
    incomeOfRow.set(i.source_row as number, [...(incomeOfRow.get(i.source_row as number) ?? []), i]);
  }
  const formula = issues.flatMap((iss) => (incomeOfRow.get(iss.row as number) ?? [])
    .map((i) => ({ h: byId.get(i.household_id as number) as Household, i, iss })))
    .sort((x, y) => byArea(x.h, y.h) || cmp(x.i.year as number, y.i.year as number)
      || cmp(x.iss.id as number, y.iss.id as number));
  for (const f of formula) add('incomeFormulaMismatch', f.h, `${String(f.i.year)} 年：${String(f.iss.message)}`);

  for (const h of households) {
    const n = members.get(h.id)?.length ?? 0;
    if (n > 0 && n !== h.size) add('sizeMismatch', h, `家庭人口数为 ${h.size}，家庭成员表中有 ${n} 人`);
  }

  const sameId = new Map<string, Person[]>();
  for (const p of persons) if (p.id_hash !== null) sameId.set(p.id_hash.toString('hex'), [...(sameId.get(p.id_hash.toString('hex')) ?? []), p]);
  const twice: { h: Household; p: Person; others: string }[] = [];
  for (const group of sameId.values()) {
    if (new Set(group.map((p) => p.household_id)).size < 2) continue;
    for (const p of group) {
      const others = [...new Set(group.filter((o) => o.household_id !== p.household_id)
        .map((o) => (byId.get(o.household_id) as Household).code))];
      twice.push({ h: byId.get(p.household_id) as Household, p, others: others.join(',') });
    }
  }
  for (const t of twice.sort((x, y) => byArea(x.h, y.h) || cmp(x.p.id, y.p.id))) {
    add('personInTwoHouseholds', t.h, `证件号码 ${String(t.p.id_masked)} 同时出现在户 ${t.others}`);
  }
  const invalid = persons.filter((p) => p.id_valid === 0).map((p) => ({ h: byId.get(p.household_id) as Household, p }))
    .sort((x, y) => byArea(x.h, y.h) || cmp(x.p.id, y.p.id));
  for (const x of invalid) add('invalidIdChecksum', x.h, `证件号码 ${String(x.p.id_masked)} 的校验位不正确`);

  const tables: Record<string, Row[]> = {
    household: households, person: persons, measure: all(`SELECT * FROM measure WHERE snapshot_id = ?`),
    event: all(`SELECT * FROM event WHERE snapshot_id = ?`).map((e) => ({ ...e, reason: e.type === '返贫' ? e.reason : null })),
  };
  for (const c of COLUMN_LISTS) {
    const rows = tables[c.table] ?? [];
    const valueOf = (r: Row): string | null => (typeof r[c.column] === 'string' && (r[c.column] as string).trim() !== '' ? r[c.column] as string : null);
    const found: { h: Household; v: string }[] = [];
    for (const r of rows) {
      const v = valueOf(r);
      if (v === null) continue;
      const h = (c.table === 'household' ? r : byId.get(r.household_id as number)) as Household;
      if (c.column === 'other_causes') for (const part of splitCauses(v)) { if (!known(c.list, part)) found.push({ h, v: part }); }
      else if (!known(c.list, v)) found.push({ h, v });
    }
    const seen = new Set<string>();
    const distinct = c.column === 'other_causes' ? found : found.filter((f) => !seen.has(`${f.h.id}\u0000${f.v}`) && seen.add(`${f.h.id}\u0000${f.v}`));
    const stable = distinct.map((f, k) => ({ ...f, k }));
    stable.sort((x, y) => byArea(x.h, y.h) || (c.column === 'other_causes' ? x.k - y.k : cmp(x.v, y.v)));
    for (const f of stable) add('codeOutsideList', f.h, `${c.label}：“${f.v}”不在代码表中`);
  }

  const scope = resolveScope(db, request);
  for (const b of flowsForScope(scope).breaks) add('flowIdentityBreak', { ...b, code: b.householdCode } as unknown as Household, `${b.year} 年${b.eventType}：${b.detail}`);
  for (const c of exitsForScope(scope).toCheck) {
    const h = { ...c, code: c.householdCode } as unknown as Household;
    if (c.method === '收入未达线') add('exitIncomeBelowLine', h, `${c.year} 年脱贫，当年人均纯收入 ${c.perCapita?.toFixed(2) ?? '—'} 元低于标准 ${c.line ?? '—'} 元`);
    else add('exitWithoutIncome', h, `${c.year} 年脱贫，但没有该年的收入记录`);
  }
  return out;
}

function expectSame(
  request: QualityRequest & { filter?: MetricFilter }, limit: number | null,
): Map<QualityRule, QualityFinding[]> {
  const fast = qualityMetrics(db, { ...request, snapshotId, limitPerRule: limit });
  const ref = reference({ ...request, snapshotId });
  for (const rule of QUALITY_RULES) {
    const want = ref.get(rule) ?? [];
    const listed = limit === null ? want : want.slice(0, limit);
    const got = fast.findings.filter((f) => f.rule === rule);
    expect({ rule, count: fast.counts.find((c) => c.rule === rule)?.count }).toEqual({ rule, count: want.length });
    expect(got.map((f) => [f.householdCode, f.township, f.village, f.detail])).toEqual(
      listed.map((f) => [f.householdCode, f.township, f.village, f.detail]),
    );
    expect(fast.counts.find((c) => c.rule === rule)?.listed).toBe(got.length);
  }
  expect(fast.total).toBe([...ref.values()].reduce((s, l) => s + l.length, 0));
  return ref;
}

describe('data quality: the stored path equals a straightforward reference', () => {
  it('county-wide, every finding of every rule, in order (each rule has findings)', () => {
    const ref = expectSame({}, null);
    for (const rule of QUALITY_RULES) {
      expect({ rule, some: (ref.get(rule)?.length ?? 0) > 0 }).toEqual({ rule, some: true });
    }
  });

  it('with the default list limit and a limit of 3 (counts stay complete)', () => {
    expectSame({}, 3);
    const r = qualityMetrics(db, { snapshotId });
    expect(r.counts.every((c) => c.listed === Math.min(c.count, 2000))).toBe(true);
  });

  it('for one township, one village and a year range', () => {
    const [township, village] = db.prepare(
      `SELECT township, village FROM household WHERE snapshot_id = ? GROUP BY 1, 2 ORDER BY COUNT(*) DESC LIMIT 1`,
    ).raw().get(snapshotId) as [string, string];
    const one = expectSame({ filter: { townships: [township] } }, null);
    expect([...one.values()].some((l) => l.length > 0)).toBe(true);
    expectSame({ filter: { villages: [village] } }, 2);
    expectSame({ years: { from: 2016, to: 2018 } }, null);
  });

  it('rebuilds its stored findings after the derived tables are forgotten, with the same result', () => {
    const before = qualityMetrics(db, { snapshotId, limitPerRule: null });
    forgetDerived(db, snapshotId);
    expect(db.prepare(`SELECT COUNT(*) FROM derived_stamp WHERE snapshot_id = ?`).pluck().get(snapshotId)).toBe(0);
    prepareQuality(db, snapshotId);
    expect(db.prepare(`SELECT COUNT(*) FROM derived_stamp WHERE snapshot_id = ? AND kind LIKE 'quality%'`).pluck().get(snapshotId)).toBe(3);
    expect(qualityMetrics(db, { snapshotId, limitPerRule: null })).toEqual(before);
  });

  it('sees a code value the stored findings were not built with (the code-list stamp follows the values)', () => {
    exec(`UPDATE household SET housing = '危房X' WHERE id = (SELECT MAX(id) FROM household WHERE snapshot_id = ?)`, snapshotId);
    loaded.clear();
    // The snapshot is immutable in use; forgetting only the values' stamp stands for a new program's code lists.
    exec(`DELETE FROM derived_stamp WHERE snapshot_id = ? AND kind = 'quality_value'`, snapshotId);
    expectSame({}, null);
    expect(qualityMetrics(db, { snapshotId }).findings.some((f) => f.detail.includes('危房X'))).toBe(true);
  });

  it('leaves nothing behind when its snapshot is deleted', () => {
    const rows = (): number => db.prepare(
      `SELECT (SELECT COUNT(*) FROM quality_finding WHERE snapshot_id = ?) + (SELECT COUNT(*) FROM quality_value WHERE snapshot_id = ?)`,
    ).pluck().get(snapshotId, snapshotId) as number;
    expect(rows()).toBeGreaterThan(0);
    expect(deleteSnapshot(db, snapshotId)).toBe(true);
    expect(rows()).toBe(0);
  });
});
