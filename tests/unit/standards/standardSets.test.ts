import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/service/service';
import type { ServiceContext } from '../../../electron/core/service/context';
import { EXIT_COUNTY } from '../metrics/support/exitCounty';
import { serviceContextOf, tempCounty, type TempCounty } from '../metrics/support/countyFixture';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../../shared/api/contract';
import { PROVINCIAL_PRESETS } from '../../../shared/domain/povertyLines';

let county: TempCounty;
let ctx: ServiceContext;
beforeAll(() => {
  county = tempCounty(EXIT_COUNTY);
  ctx = serviceContextOf(county);
});
afterAll(() => county.close());

async function ok<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const r = await dispatch(ctx, method, req);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as ApiResponse<M>;
}

const jiangsu = PROVINCIAL_PRESETS.find((p) => p.key === 'jiangsu');

describe('标准设置', () => {
  it('ships the national set with a source for every year and names the three sets in Chinese', async () => {
    const list = await ok('standards.list', { snapshotId: county.snapshotId });
    expect(list.sets.map((s) => [s.name, s.label, s.builtin])).toEqual([
      ['custom', '自定义', true], ['national', '国家标准', true], ['provincial', '省定标准', true],
    ]);
    const national = list.sets.find((s) => s.name === 'national');
    expect(national?.years.find((y) => y.year === 2016)).toMatchObject({ povertyLine: 2952, source: expect.stringContaining('国家统计局') });
    expect(national?.years.every((y) => y.source)).toBe(true);
    expect(list.inUse).toBe('national');
  });

  it('recomputes the figures with a provincial set of 6000 once the snapshot uses it', async () => {
    const before = await ok('metrics.exits', { snapshotId: county.snapshotId });
    // X1 (3 persons) exits 2016 with 人均 3000 ≥ 2952: 就业 under the national line
    expect(before.attribution.income['就业']?.persons).toBe(5);
    const saved = await ok('standards.save', {
      name: 'provincial', label: '省定标准', region: '江苏省', years: [...(jiangsu?.years ?? [])], confirmDecrease: false,
    });
    expect(saved.status).toBe('saved');
    const used = await ok('standards.use', { snapshotId: county.snapshotId, name: 'provincial' });
    expect(used.preparing).toMatch(/.+/);
    const after = await ok('metrics.exits', { snapshotId: county.snapshotId });
    expect(after.koujing.lineSet).toEqual({ name: 'provincial', label: '省定标准' });
    // every exit of 2016–2018 has 人均 ≤ 3000 < 6000 → none is 就业 any more
    expect(after.attribution.income['就业']?.persons ?? 0).toBe(0);
    expect(after.attribution.income['收入未达线']?.households).toBeGreaterThan(before.attribution.income['收入未达线']?.households ?? 0);
    const list = await ok('standards.list', { snapshotId: county.snapshotId });
    expect(list.sets.find((s) => s.name === 'provincial')).toMatchObject({ region: '江苏省', snapshotIds: [county.snapshotId] });
    await ok('standards.use', { snapshotId: county.snapshotId, name: 'national' });
  });

  it('asks for a confirmation before saving a line lower than the year before', async () => {
    const years = [
      { year: 2019, povertyLine: 3218, monitoringThreshold: null, source: null },
      { year: 2020, povertyLine: 3000, monitoringThreshold: null, source: null },
    ];
    const first = await ok('standards.save', { name: 'custom', years, confirmDecrease: false });
    expect(first).toMatchObject({ status: 'needsConfirmation', decreases: [{ year: 2020, previousYear: 2019, line: 3000, previousLine: 3218 }] });
    expect(first.status === 'needsConfirmation' && first.message).toContain('2020年 3000 元低于2019年 3218 元');
    const custom = (await ok('standards.list', {})).sets.find((s) => s.name === 'custom');
    expect(custom?.years.find((y) => y.year === 2020)?.povertyLine).toBe(4000);
    const confirmed = await ok('standards.save', { name: 'custom', years, confirmDecrease: true });
    expect(confirmed.status === 'saved' && confirmed.set.years.map((y) => y.povertyLine)).toEqual([3218, 3000]);
  });

  it('refuses a value that is not positive, and a year with neither value, in Chinese', async () => {
    const negative = await dispatch(ctx, 'standards.save', {
      name: 'custom', years: [{ year: 2020, povertyLine: -1, monitoringThreshold: null, source: null }], confirmDecrease: false,
    });
    expect(!negative.ok && negative.error.message).toContain('贫困线应为正数');
    const empty = await dispatch(ctx, 'standards.save', {
      name: 'custom', years: [{ year: 2022, povertyLine: null, monitoringThreshold: null, source: null }], confirmDecrease: false,
    });
    expect(!empty.ok && empty.error.message).toBe('2022 年的贫困线和监测标准都为空：请填写其一，或删除这一年');
  });

  it('lists the years the data needs and the set lacks, and a new set starts from another', async () => {
    const created = await ok('standards.create', { label: '某县县定标准', region: '某县', copyFrom: 'national' });
    expect(created).toMatchObject({ label: '某县县定标准', builtin: false, snapshotIds: [] });
    expect(created.years.length).toBeGreaterThan(5);
    const list = await ok('standards.list', { snapshotId: county.snapshotId });
    // the fixture's income rows run 2016–2019: all covered by the national set
    expect(list.neededYears).toEqual([2016, 2017, 2018, 2019]);
    expect(list.missingYears['national']).toEqual([]);
    await ok('standards.save', {
      name: created.name, years: [{ year: 2016, povertyLine: 2952, monitoringThreshold: null, source: '县文件' }], confirmDecrease: false,
    });
    const after = await ok('standards.list', { snapshotId: county.snapshotId });
    expect(after.missingYears[created.name]).toEqual([2017, 2018, 2019]);
    expect(await ok('standards.delete', { name: created.name })).toEqual({ deleted: created.name });
    const builtin = await dispatch(ctx, 'standards.delete', { name: 'national' });
    expect(!builtin.ok && builtin.error.message).toContain('不能删除');
  });
});
