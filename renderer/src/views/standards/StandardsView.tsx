import { useState, type ReactNode } from 'react';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import type { StandardSet, StandardsOverview } from '../../../../shared/api/standards';
import { ApiCallError, call } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Panel, ViewHeader } from '../../components/Panel';
import { useHashRoute } from '../../shell/hashRoute';
import { useSnapshots } from '../../state/snapshotContext';
import '../common/views.css';
import { SetEditor } from './SetEditor';
import './standards.css';

/**
 * 标准设置: the poverty lines and monitoring thresholds every figure is measured against, as named
 * sets (国家标准, 省定标准, 自定义 and the user's own), each year with its source. The snapshot's
 * figures use one set; choosing another, or saving the one in use, recomputes them in the background.
 */
export function StandardsView({ snapshot }: { readonly snapshot: SnapshotSummary | null }): ReactNode {
  const overview = useApiQuery('standards.list', snapshot ? { snapshotId: snapshot.id } : {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ set: string; note: string } | null>(null);
  // A view's "缺少 … 年的标准" warning links here with the set and the first year it needs
  const { params } = useHashRoute();
  const linkedSet = params.get('set');
  const linkedYear = Number(params.get('year')) || null;
  if (overview.error) return <ErrorNotice error={overview.error.error} onRetry={overview.reload} />;
  if (!overview.data) return <Loading />;
  const data = overview.data;
  const current = data.sets.find((s) => s.name === (chosen ?? linkedSet ?? data.inUse ?? 'national')) ?? data.sets[0];
  return (
    <div className="analysis-view standards-view" data-testid="standards-view">
      <ViewHeader title="标准设置" />
      <p className="view-intro">
        贫困线（2020年及以前）和防返贫监测标准（2021年起）按年度设置，单位为元/人·年。脱贫方式归因、达线判断和收入返贫风险都按快照所用的标准计算；
        修改正在使用的标准或改用另一套标准后，全部数字按新标准重新计算。
      </p>
      {snapshot ? <InUseBar snapshot={snapshot} overview={data} onChanged={overview.reload} /> : null}
      <div className="standards-layout">
        <SetList
          overview={data}
          current={current?.name ?? null}
          onChoose={setChosen}
          onCreated={(name) => { setChosen(name); overview.reload(); }}
        />
        {current ? (
          <SetEditor
            key={`${current.name} ${JSON.stringify(current.years)}`}
            set={current}
            missing={data.missingYears[current.name] ?? []}
            focusYear={current.name === linkedSet ? linkedYear : null}
            saved={saved?.set === current.name ? saved.note : null}
            onSaved={(note) => { setSaved({ set: current.name, note }); overview.reload(); }}
            onDeleted={() => { setChosen(null); overview.reload(); }}
          />
        ) : null}
      </div>
    </div>
  );
}

function InUseBar({ snapshot, overview, onChanged }: {
  readonly snapshot: SnapshotSummary; readonly overview: StandardsOverview; readonly onChanged: () => void;
}): ReactNode {
  const { refresh } = useSnapshots();
  const [next, setNext] = useState(overview.inUse ?? 'national');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inUse = overview.sets.find((s) => s.name === overview.inUse);
  const missing = overview.inUse ? overview.missingYears[overview.inUse] ?? [] : [];
  const use = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call('standards.use', { snapshotId: snapshot.id, name: next });
      await refresh();
      setDone(`已改用“${overview.sets.find((s) => s.name === next)?.label ?? next}”：正在按新标准重新准备分析数据（见顶栏进度）。`);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={`快照 #${snapshot.id}（${snapshot.countyName}）使用的标准`}>
      <div className="in-use-bar" data-testid="standards-in-use">
        <span>
          当前：<b>{inUse?.label ?? overview.inUse}</b>
          {inUse?.region ? `（${inUse.region}）` : ''}
        </span>
        <label>
          改用
          <select aria-label="改用的标准" value={next} onChange={(e) => setNext(e.target.value)}>
            {overview.sets.map((s) => (
              <option key={s.name} value={s.name}>{s.label}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" disabled={busy || next === overview.inUse} onClick={() => void use()}>
          {busy ? '正在切换…' : '使用此标准'}
        </button>
      </div>
      {missing.length > 0 ? (
        <p className="missing-lines" role="alert">
          数据中有 {overview.neededYears[0]}—{overview.neededYears[overview.neededYears.length - 1]} 年的收入记录，
          “{inUse?.label}”缺少 {missing.join('、')} 年的标准：这些年的达线判断和收入返贫风险无法计算。请在下表填写。
        </p>
      ) : null}
      {done ? <p className="notice-ok">{done}</p> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </Panel>
  );
}

function SetList({ overview, current, onChoose, onCreated }: {
  readonly overview: StandardsOverview; readonly current: string | null;
  readonly onChoose: (name: string) => void; readonly onCreated: (name: string) => void;
}): ReactNode {
  const [label, setLabel] = useState('');
  const [region, setRegion] = useState('');
  const [copyFrom, setCopyFrom] = useState('national');
  const [error, setError] = useState<string | null>(null);
  const create = async (): Promise<void> => {
    setError(null);
    try {
      const set = await call('standards.create', { label, region: region.trim() === '' ? null : region, copyFrom });
      setLabel('');
      setRegion('');
      onCreated(set.name);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    }
  };
  return (
    <Panel title="标准">
      <ul className="set-list" data-testid="standard-sets">
        {overview.sets.map((s: StandardSet) => {
          const missing = overview.missingYears[s.name] ?? [];
          return (
            <li key={s.name}>
              <button type="button" className={s.name === current ? 'set-item active' : 'set-item'} onClick={() => onChoose(s.name)}>
                <span className="set-label">{s.label}</span>
                {s.region ? <span className="set-region">{s.region}</span> : null}
                {s.snapshotIds.length > 0 ? <span className="badge">使用中</span> : null}
                {missing.length > 0 ? <span className="badge warn">缺 {missing.length} 年</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      <form className="new-set" onSubmit={(e) => { e.preventDefault(); void create(); }}>
        <h3>新建标准</h3>
        <label>名称<input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="如：某县县定标准" /></label>
        <label>地区<input value={region} onChange={(e) => setRegion(e.target.value)} placeholder="如：江苏省（可不填）" /></label>
        <label>
          从
          <select aria-label="复制自" value={copyFrom} onChange={(e) => setCopyFrom(e.target.value)}>
            {overview.sets.map((s) => (
              <option key={s.name} value={s.name}>{s.label}</option>
            ))}
          </select>
          复制各年数值
        </label>
        <button type="submit" className="button" disabled={label.trim() === ''}>新建</button>
        {error ? <p className="form-error" role="alert">{error}</p> : null}
      </form>
    </Panel>
  );
}
