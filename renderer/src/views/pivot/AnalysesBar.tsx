import { useState, type ReactNode } from 'react';
import type { SavedAnalysis } from '../../../../shared/api/pivot';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/useApiQuery';
import type { toRunSpec } from './pivotState';

/** Built-in and saved analyses: open one, save the current pivot as a new one, rename, delete. */
export function AnalysesBar({ spec, snapshotId, onOpen, onMessage }: {
  readonly spec: ReturnType<typeof toRunSpec>;
  readonly snapshotId: number;
  readonly onOpen: (a: SavedAnalysis) => void;
  readonly onMessage: (m: string) => void;
}): ReactNode {
  const list = useApiQuery('analyses.list', {});
  const [selected, setSelected] = useState<number | null>(null);
  const [name, setName] = useState('');
  const current = list.data?.find((a) => a.id === selected) ?? null;
  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
      list.reload();
    } catch (err) {
      onMessage(err instanceof Error ? err.message : String(err));
    }
  };
  const saveAs = (): Promise<void> => guard(async () => {
    const saved = await call('analyses.save', { name: name.trim(), spec, snapshotId });
    setSelected(saved.id);
    onMessage(`已保存分析方案“${saved.name}”`);
  });
  const rename = (): Promise<void> => guard(async () => {
    if (!current) return;
    const renamed = await call('analyses.rename', { id: current.id, name: name.trim() });
    onMessage(`已重命名为“${renamed.name}”`);
  });
  const remove = (): Promise<void> => guard(async () => {
    if (!current || !window.confirm(`删除分析方案“${current.name}”？`)) return;
    await call('analyses.delete', { id: current.id });
    setSelected(null);
    setName('');
    onMessage(`已删除“${current.name}”`);
  });
  return (
    <div className="pivot-analyses" data-testid="analyses">
      <select
        aria-label="分析方案"
        value={selected ?? ''}
        onChange={(e) => {
          const id = Number(e.target.value);
          const a = list.data?.find((x) => x.id === id);
          setSelected(a ? a.id : null);
          if (a) {
            setName(a.name);
            onOpen(a);
          }
        }}
      >
        <option value="">打开分析方案…</option>
        {list.data?.map((a) => <option key={a.id} value={a.id}>{a.builtin ? '［内置］' : ''}{a.name}</option>)}
      </select>
      <input type="text" placeholder="方案名称" value={name} onChange={(e) => setName(e.target.value)} aria-label="方案名称" />
      <div className="pivot-toolbar">
        <button type="button" className="button small" disabled={name.trim() === ''} onClick={() => void saveAs()}>另存为</button>
        <button type="button" className="button small" disabled={!current || current.builtin || name.trim() === ''} onClick={() => void rename()}>
          重命名
        </button>
        <button type="button" className="button small" disabled={!current || current.builtin} onClick={() => void remove()}>删除</button>
      </div>
    </div>
  );
}
