import { describe, expect, it } from 'vitest';
import { MetricScopeRequest } from '../../../shared/api/metricScope';
import { paramsToRestore, rememberParams, type ParamStore } from '../../../renderer/src/views/common/rememberedParams';
import { EMPTY_SCOPE, metricScope, scopeFromParams, scopeToParams, selectableYears } from '../../../renderer/src/views/common/viewScope';

function memoryStore(): ParamStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

function paramsOf(changes: Record<string, string | null>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(changes)) if (v !== null) p.set(k, v);
  return p;
}

describe('the scope of a view in the address', () => {
  it('survives the round trip through hash parameters', () => {
    const scope = { from: 2016, to: 2020, township: '城关镇', village: '东村', lineSet: 'provincial' };
    expect(scopeFromParams(paramsOf(scopeToParams(scope)))).toEqual(scope);
    expect(scopeFromParams(paramsOf(scopeToParams(EMPTY_SCOPE)))).toEqual(EMPTY_SCOPE);
  });

  it('reads a reversed range as meant and drops a village without its township or a malformed year', () => {
    expect(scopeFromParams(new URLSearchParams('from=2020&to=2016'))).toMatchObject({ from: 2016, to: 2020 });
    expect(scopeFromParams(new URLSearchParams('village=东村')).village).toBeNull();
    expect(scopeFromParams(new URLSearchParams('from=20x6')).from).toBeNull();
  });

  it('asks the metrics only for what is set, in a request the contract accepts', () => {
    expect(metricScope(3, EMPTY_SCOPE)).toEqual({ snapshotId: 3 });
    const full = metricScope(3, { from: 2016, to: null, township: '城关镇', village: '东村', lineSet: 'provincial' });
    expect(full).toEqual({ snapshotId: 3, lineSet: 'provincial', filter: { townships: ['城关镇'], villages: ['东村'] }, years: { from: 2016 } });
    expect(MetricScopeRequest.safeParse(full).success).toBe(true);
  });

  it('offers the years from 2013 to the snapshot year', () => {
    expect(selectableYears('2016-12-31')).toEqual([2013, 2014, 2015, 2016]);
  });
});

describe('each view remembers its own selection', () => {
  const names = ['from', 'to', 'town', 'village', 'lines', 'pop'];

  it('puts the remembered parameters back when the view opens without any', () => {
    const store = memoryStore();
    rememberParams(store, 'income', new URLSearchParams('snapshot=2&from=2016&town=城关镇&pop=panel'), names);
    expect(store.data.get('tuopin.view.income')).not.toContain('snapshot');
    expect(paramsToRestore(store, 'income', new URLSearchParams('snapshot=2'), names)).toEqual({ from: '2016', town: '城关镇', pop: 'panel' });
  });

  it('lets the address win over the memory, and keeps views apart', () => {
    const store = memoryStore();
    rememberParams(store, 'income', new URLSearchParams('from=2016'), names);
    expect(paramsToRestore(store, 'income', new URLSearchParams('to=2020'), names)).toBeNull();
    expect(paramsToRestore(store, 'returns', new URLSearchParams(''), names)).toBeNull();
  });

  it('forgets nothing it was not asked to and survives a storage that refuses', () => {
    const broken: ParamStore = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(() => rememberParams(broken, 'income', new URLSearchParams('from=2016'), names)).not.toThrow();
    expect(paramsToRestore(broken, 'income', new URLSearchParams(''), names)).toBeNull();
  });
});
