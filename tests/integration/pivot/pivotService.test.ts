import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod } from '../../../shared/api/contract';
import type { PivotResult, PivotSpecInput } from '../../../shared/api/pivot';
import { answerFromWire } from '../../../shared/api/wire';
import { runCli } from '../../../electron/cli/main';
import { JobRunner } from '../../../electron/core/jobs/jobRunner';
import type { ServiceContext } from '../../../electron/core/service/context';
import { dispatch } from '../../../electron/core/service/service';
import { tempCounty, type TempDb } from '../../unit/pivot/support/pivotCounty';

let county: TempDb;
let ctx: ServiceContext;

beforeAll(() => {
  county = tempCounty();
  ctx = { db: county.db, databasePath: county.path, jobs: new JobRunner(), host: 'http', workDir: county.dir };
});
afterAll(() => county.close());

/** As the page calls: through dispatch(), the answer read back from its wire form. */
async function call<T>(method: ApiMethod, payload: unknown): Promise<T> {
  const r = await dispatch(ctx, method, payload);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  const answer = answerFromWire(method, r.data);
  if (!answer.ok) throw new Error(answer.message);
  return answer.data as T;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

const SPEC: PivotSpecInput = {
  rows: ['township'], columns: ['exitYear'],
  values: [{ measure: 'households' }, { measure: 'persons' }, { measure: 'perCapitaIncome' }],
  filters: [{ field: 'status', op: 'in', values: ['已脱贫（享受政策）', '已脱贫（不再享受政策）'] }],
  year: 2020, totals: true,
};

function comparable(r: PivotResult): unknown {
  return { ...r, meta: { ...r.meta, elapsedMs: 0, koujing: { ...r.meta.koujing, notes: r.meta.koujing.notes.filter((n) => !n.includes('透视汇总表')) } } };
}

describe('pivot.run and tuopin pivot', () => {
  it('prints with --json the same long form as the service answers', async () => {
    const api = await call<PivotResult>('pivot.run', { spec: SPEC });
    const file = join(county.dir, 'spec.json');
    writeFileSync(file, JSON.stringify(SPEC));
    const r = await cli(['pivot', '--db', county.path, '--spec', file, '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.out) as PivotResult;
    expect(comparable(printed)).toEqual(comparable(api));
    expect(printed.fields).toEqual(['township', 'exitYear', 'households', 'persons', 'perCapitaIncome']);
    expect(printed.meta).toMatchObject({ snapshotId: county.snapshotId, incomeYear: 2020 });
    expect(typeof printed.meta.elapsedMs).toBe('number');
    // 城关镇, exited 2016: H1 (12200, 3) and H2 (5000, 1)
    expect(printed.rows.find((l) => l[0] === '城关镇' && l[1] === 2016)).toEqual(['城关镇', 2016, 2, 4, 17200 / 4]);
  });

  it('refuses an unknown field with exit code 2 and the valid list, and the service says refused', async () => {
    const file = join(county.dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ rows: ['乡镇'], values: [{ measure: 'households' }] }));
    const r = await cli(['pivot', '--db', county.path, '--spec', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('township（乡镇）');
    const api = await dispatch(ctx, 'pivot.run', { spec: { rows: ['乡镇'], values: [{ measure: 'households' }] } });
    expect(api.ok).toBe(false);
    if (!api.ok) expect(api.error.code).toBe('refused');
  });

  it('says what is wrong with a malformed spec in Chinese throughout, page and command line alike', async () => {
    const spec = { rows: 'township', values: [{ measure: 1 }], totals: 'yes', colour: 'red' };
    const api = await dispatch(ctx, 'pivot.run', { spec });
    expect(api.ok).toBe(false);
    const message = api.ok ? '' : api.error.message;
    expect(message).toContain('values 第 1 项 → measure：无效输入：期望 文字');
    expect(message).toContain('rows：无效输入：期望 数组');
    expect(message).toContain('totals：无效输入：期望 true 或 false');
    expect(message).toContain('colour');
    // No English of the validator (Invalid input, expected string, values.0)
    expect(message).not.toMatch(/Invalid|expected|received|Unrecognized|values\.0/);
    const file = join(county.dir, 'malformed.json');
    writeFileSync(file, JSON.stringify(spec));
    const r = await cli(['pivot', '--db', county.path, '--spec', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('values 第 1 项 → measure：无效输入：期望 文字');
    expect(r.err).not.toMatch(/Invalid|expected|received|Unrecognized/);
  });

  it('refuses a spec file that is not JSON and an unknown snapshot with exit code 2', async () => {
    const file = join(county.dir, 'broken.json');
    writeFileSync(file, '{ rows: ');
    expect((await cli(['pivot', '--db', county.path, '--spec', file])).code).toBe(2);
    const ok = join(county.dir, 'ok.json');
    writeFileSync(ok, JSON.stringify(SPEC));
    const r = await cli(['pivot', '--db', county.path, '--spec', ok, '--snapshot', '99']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/没有找到快照 #99/);
  });
});

describe('pivot.catalogue and pivot.dimensionValues', () => {
  it('lists the catalogue with groups, units and 口径', async () => {
    const c = await call<{ dimensions: { key: string; group: string }[]; measures: { key: string; unit: string }[]; filterOps: { op: string }[] }>('pivot.catalogue', {});
    expect(c.dimensions.find((d) => d.key === 'ageGroup')?.group).toBe('家庭成员');
    expect(c.measures.find((m) => m.key === 'perCapitaIncome')?.unit).toBe('元/人');
    expect(c.filterOps.map((o) => o.op)).toEqual(['in', 'notIn', 'between', 'isNull', 'notNull']);
  });

  it('gives each value with its count, closed lists complete, blanks last', async () => {
    const status = await call<{ unit: string; values: { value: unknown; label: string; count: number }[] }>('pivot.dimensionValues', { field: 'status' });
    expect(status.unit).toBe('户');
    expect(status.values).toEqual([
      { value: '未脱贫', label: '未脱贫', count: 1 },
      { value: '已脱贫（享受政策）', label: '已脱贫（享受政策）', count: 3 },
      { value: '已脱贫（不再享受政策）', label: '已脱贫（不再享受政策）', count: 1 },
      { value: '返贫', label: '返贫', count: 1 },
      { value: null, label: '（未填）', count: 1 },
    ]);
    const years = await call<{ unit: string; values: { value: unknown; count: number }[] }>('pivot.dimensionValues', { field: 'year' });
    expect(years).toMatchObject({ unit: '户·年', values: [{ value: 2019, count: 3 }, { value: 2020, count: 6 }] });
    const relocated = await call<{ values: { value: unknown; count: number }[] }>('pivot.dimensionValues', { field: 'relocated' });
    expect(relocated.values).toEqual([{ value: '是', label: '是', count: 1 }, { value: '否', label: '否', count: 6 }]);
    const sex = await call<{ unit: string; values: { value: unknown; count: number }[] }>('pivot.dimensionValues', { field: 'sex' });
    expect(sex).toMatchObject({ unit: '人', values: [{ value: '男', count: 4 }, { value: '女', count: 4 }] });
  });
});

describe('pivot.drill', () => {
  it('lists the households behind a cell with masked IDs and their income history', async () => {
    const d = await call<{
      total: number;
      households: { code: string; headIdMasked: string | null; incomes: { year: number; perCapita: number }[] }[];
      koujing: string;
    }>(
      'pivot.drill', { spec: SPEC, key: { township: '城关镇', exitYear: 2016 } },
    );
    expect(d.total).toBe(2);
    expect(d.households.map((h) => h.code)).toEqual(['H1', 'H2']);
    const h1 = d.households[0];
    expect(h1?.headIdMasked).toMatch(/\*/);
    expect(h1?.headIdMasked).not.toMatch(/^\d{18}$/);
    expect(h1?.incomes.map((i) => i.year)).toEqual([2019, 2020]);
    expect(d.koujing).toMatch(/城关镇/);
  });

  it('drills a total (a field left out or null = all) and a blank key', async () => {
    const all = await call<{ total: number }>('pivot.drill', { spec: SPEC, key: { township: '城关镇', exitYear: null } });
    expect(all.total).toBe(3);
    const blank = await call<{ total: number; households: { code: string }[] }>('pivot.drill', {
      spec: { rows: ['exitYear'], values: [{ measure: 'households' }] }, key: { exitYear: '（未填）' },
    });
    expect(blank.households.map((h) => h.code)).toEqual(['H5', 'H6']);
  });

  it('counts only the households that have an income row in an income pivot', async () => {
    const d = await call<{ total: number }>('pivot.drill', { spec: { rows: ['township'], values: [{ measure: 'perCapitaIncome' }], year: 2019 }, key: { township: '河口乡' } });
    expect(d.total).toBe(2);
  });

  it('refuses a key field that is not in the pivot', async () => {
    const r = await dispatch(ctx, 'pivot.drill', { spec: SPEC, key: { village: '一村' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('refused');
  });
});

describe('saved analyses', () => {
  it('starts with built-ins that run, and saves, renames and deletes the user’s own', async () => {
    const list = await call<{ id: number; name: string; builtin: boolean; spec: PivotSpecInput }[]>('analyses.list', {});
    expect(list.filter((a) => a.builtin).map((a) => a.name)).toEqual(expect.arrayContaining(['乡镇×脱贫年度 脱贫户数与人口', '乡镇×收入年度 人均纯收入', '返贫原因×返贫年度 返贫户数与人口']));
    for (const a of list) await call('pivot.run', { spec: a.spec });

    const saved = await call<{ id: number; name: string; snapshotId: number; builtin: boolean }>('analyses.save', { name: '我的分析', spec: SPEC, snapshotId: county.snapshotId, lineSet: 'national' });
    expect(saved).toMatchObject({ name: '我的分析', snapshotId: county.snapshotId, builtin: false });
    const renamed = await call<{ name: string }>('analyses.rename', { id: saved.id, name: '乡镇脱贫' });
    expect(renamed.name).toBe('乡镇脱贫');
    const again = await call<{ id: number; name: string }[]>('analyses.list', {});
    expect(again.find((a) => a.id === saved.id)?.name).toBe('乡镇脱贫');
    expect(await call('analyses.delete', { id: saved.id })).toEqual({ deleted: true });
    expect((await call<{ id: number }[]>('analyses.list', {})).some((a) => a.id === saved.id)).toBe(false);

    const builtin = list.find((a) => a.builtin);
    const refused = await dispatch(ctx, 'analyses.delete', { id: builtin?.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('refused');
  });
});

describe('pivot.prepare', () => {
  it('builds the pivot tables as a job, answering pivots meanwhile from the detail rows, and is then ready', async () => {
    const fresh = tempCounty();
    const c: ServiceContext = { db: fresh.db, databasePath: fresh.path, jobs: new JobRunner(), host: 'http', workDir: fresh.dir };
    try {
      const started = await dispatch(c, 'pivot.prepare', {});
      if (!started.ok) throw new Error(started.error.message);
      const { ready, jobId } = started.data as { ready: boolean; jobId: string };
      expect(ready).toBe(false);
      // Asked while the job runs: answered at once (the detail tables are made first if need be).
      await new Promise((r) => setImmediate(r));
      expect(c.jobs.status(jobId)?.state).toBe('running');
      const during = await dispatch(c, 'pivot.run', { spec: SPEC });
      if (!during.ok) throw new Error(during.error.message);
      const duringResult = during.data as PivotResult;
      expect(duringResult.meta.source).toMatch(/明细表|本次会话/);
      expect(duringResult.meta.koujing.notes.some((n) => n.includes('后台生成'))).toBe(true);
      expect(c.jobs.status(jobId)?.state).toBe('running');
      const done = await c.jobs.wait(jobId);
      expect(done.state).toBe('done');
      const again = await dispatch(c, 'pivot.prepare', {});
      expect(again.ok && again.data).toEqual({ ready: true, jobId: null });
      const after = await dispatch(c, 'pivot.run', { spec: SPEC });
      if (!after.ok) throw new Error(after.error.message);
      const afterResult = after.data as PivotResult;
      expect(afterResult.meta.koujing.notes.some((n) => n.includes('透视汇总表'))).toBe(false);
      expect(afterResult.meta.source).toMatch(/^汇总表/);
      const figures = (r: PivotResult): unknown => ({ fields: r.fields, rows: r.rows, totals: r.totals });
      expect(figures(duringResult)).toEqual(figures(afterResult));
    } finally {
      fresh.close();
    }
  });

  it('rolls the build back when the job is cancelled', async () => {
    const fresh = tempCounty();
    const c: ServiceContext = { db: fresh.db, databasePath: fresh.path, jobs: new JobRunner(), host: 'http', workDir: fresh.dir };
    try {
      const started = await dispatch(c, 'pivot.prepare', {});
      const { jobId } = (started.ok ? started.data : {}) as { jobId: string };
      c.jobs.cancel(jobId);
      expect((await c.jobs.wait(jobId)).state).toBe('cancelled');
      expect(fresh.db.prepare('SELECT COUNT(*) AS n FROM pivot_household').get()).toEqual({ n: 0 });
      expect(fresh.db.inTransaction).toBe(false);
      const again = await dispatch(c, 'pivot.prepare', {});
      expect(again.ok && (again.data as { ready: boolean }).ready).toBe(false);
    } finally {
      fresh.close();
    }
  });
});

describe('deleting a snapshot', () => {
  it('removes its pivot tables with it', async () => {
    const fresh = tempCounty();
    const c: ServiceContext = { db: fresh.db, databasePath: fresh.path, jobs: new JobRunner(), host: 'http', workDir: fresh.dir };
    try {
      await dispatch(c, 'pivot.run', { spec: SPEC });
      const count = (table: string): number => (fresh.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('pivot_income')).toBeGreaterThan(0);
      const deleted = await dispatch(c, 'snapshots.delete', { id: fresh.snapshotId });
      expect(deleted.ok).toBe(true);
      for (const table of ['pivot_build', 'pivot_dict', 'pivot_household', 'pivot_person', 'pivot_income', 'pivot_cube']) expect(count(table)).toBe(0);
    } finally {
      fresh.close();
    }
  });
});
