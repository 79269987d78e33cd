import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { dispatch } from '../../../electron/core/service/service';
import { standardMetrics } from '../../../electron/core/metrics/standard';
import { qualityMetrics } from '../../../electron/core/metrics/quality';
import type { ServiceContext } from '../../../electron/core/service/context';
import { EXIT_COUNTY } from './support/exitCounty';
import { serviceContextOf, tempCounty, type TempCounty } from './support/countyFixture';

let county: TempCounty;
let ctx: ServiceContext;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
  ctx = serviceContextOf(county);
});
afterAll(() => county.close());

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => { out += `${t}\n`; }, err: (t) => { err += `${t}\n`; } });
  return { code, out, err };
}

describe('the same figures through the CLI, the service and the core', () => {
  it('tuopin metrics --json equals the core standard set and metrics.standard', async () => {
    const r = await cli('metrics', '--db', county.path, '--json');
    expect(r.code).toBe(0);
    const viaCli = JSON.parse(r.out) as unknown;
    const viaCore = standardMetrics(county.db, { snapshotId: county.snapshotId });
    const viaService = await dispatch(ctx, 'metrics.standard', { snapshotId: county.snapshotId });
    expect(viaService.ok).toBe(true);
    expect(viaCli).toEqual(JSON.parse(JSON.stringify(viaCore)));
    expect(viaService.ok && viaService.data).toEqual(JSON.parse(JSON.stringify(viaCore)));
    // a figure checked by hand in exits.test.ts: 就业 5 of 22 exit persons
    expect((viaCli as typeof viaCore).exits.attribution.income['就业']).toEqual({ households: 2, persons: 5, share: 5 / 22 });
    expect((viaCli as typeof viaCore).lines['2018']).toBe(2995);
  });

  it('tuopin check --json equals metrics.quality with every finding', async () => {
    const r = await cli('check', '--db', county.path, '--snapshot', String(county.snapshotId), '--json');
    expect(r.code).toBe(0);
    const viaCore = qualityMetrics(county.db, { snapshotId: county.snapshotId, limitPerRule: null });
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(viaCore)));
    const viaService = await dispatch(ctx, 'metrics.quality', { snapshotId: county.snapshotId, limitPerRule: null });
    expect(viaService.ok && viaService.data).toEqual(JSON.parse(JSON.stringify(viaCore)));
  });

  it('refuses an unknown snapshot or line set with exit code 2 and a Chinese message', async () => {
    const a = await cli('metrics', '--db', county.path, '--snapshot', '999', '--json');
    expect(a.code).toBe(2);
    expect(a.err).toContain('没有找到快照 #999');
    const b = await cli('metrics', '--db', county.path, '--line-set', 'nosuch', '--json');
    expect(b.code).toBe(2);
    expect(b.err).toContain('nosuch');
    const c = await dispatch(ctx, 'metrics.exits', { snapshotId: 999 });
    expect(c).toEqual({ ok: false, error: { code: 'not_found', message: '没有找到快照 #999' } });
  });

  it('edits a line set and switches a snapshot to it through the service', async () => {
    const set = await dispatch(ctx, 'lines.set', { lineSet: 'provincial', lines: [{ year: 2018, povertyLine: 1900, monitoringThreshold: null }] });
    expect(set.ok).toBe(true);
    const use = await dispatch(ctx, 'lines.useSet', { snapshotId: county.snapshotId, lineSet: 'provincial' });
    expect(use).toEqual({ ok: true, data: { snapshotId: county.snapshotId, lineSet: 'provincial' } });
    const exits = await dispatch(ctx, 'metrics.exits', { snapshotId: county.snapshotId });
    if (!exits.ok) throw new Error(exits.error.message);
    const data = exits.data as ReturnType<typeof standardMetrics>['exits'] & { koujing: { lineSet: { name: string } } };
    expect(data.koujing.lineSet.name).toBe('provincial');
    // X4 (人均 2000) no longer below the 2018 line of 1900
    expect(data.attribution.income['收入未达线']?.persons).toBe(0);
    const back = await dispatch(ctx, 'lines.useSet', { snapshotId: county.snapshotId, lineSet: 'national' });
    expect(back.ok).toBe(true);
  });

  it('stores a CPI series and refuses an index that is not 上年=100', async () => {
    const ok = await dispatch(ctx, 'cpi.set', { points: [{ year: 2017, index: 101.6 }, { year: 2018, index: 102.1 }] });
    expect(ok).toEqual({ ok: true, data: [{ year: 2017, index: 101.6 }, { year: 2018, index: 102.1 }] });
    const bad = await dispatch(ctx, 'cpi.set', { points: [{ year: 2017, index: 2.1 }] });
    expect(bad.ok).toBe(false);
  });
});
