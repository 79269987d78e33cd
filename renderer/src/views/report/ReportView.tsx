import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { JobStatus } from '../../../../shared/api/jobs';
import {
  REPORT_SECTIONS, REPORT_SECTION_LABELS, ReportExportResult, type ExportLogEntry, type ReportFormat, type ReportMode,
  type ReportOptions, type ReportPreview, type ReportSection,
} from '../../../../shared/api/report';
import type { SnapshotSummary } from '../../../../shared/api/snapshots';
import { ApiCallError, call } from '../../api/client';
import { deliver } from '../../api/deliver';
import { cancelJob, waitForJob } from '../../api/jobs';
import { JobProgress } from '../../components/JobProgress';
import { Panel, ViewHeader } from '../../components/Panel';
import '../common/views.css';
import { ExportLog } from './ExportLog';
import { PagedPreview } from './PagedPreview';
import { TemplateEditor } from './TemplateEditor';
import './report.css';

const FORMATS: readonly { format: ReportFormat; label: string }[] = [
  { format: 'docx', label: '导出 DOCX（公文格式）' }, { format: 'pdf', label: '导出 PDF' }, { format: 'xlsx', label: '导出 XLSX（附表）' },
];

interface Settings {
  readonly from: string;
  readonly to: string;
  readonly lineSet: string;
  readonly mode: ReportMode;
  readonly sections: readonly ReportSection[];
}

function optionsOf(snapshot: SnapshotSummary, s: Settings): ReportOptions {
  const from = s.from === '' ? undefined : Number(s.from);
  const to = s.to === '' ? undefined : Number(s.to);
  return {
    snapshotId: snapshot.id, mode: s.mode, sections: [...s.sections],
    ...(s.lineSet ? { lineSet: s.lineSet } : {}),
    ...(from !== undefined || to !== undefined ? { years: {
      ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
    } } : {}),
  };
}

/** 报告导出: the briefing report for the 人大常委会, previewed as pages, its wording edited, exported. */
export function ReportView({ snapshot }: { readonly snapshot: SnapshotSummary }): ReactNode {
  const [settings, setSettings] = useState<Settings>({ from: '', to: '', lineSet: '', mode: 'circulation', sections: REPORT_SECTIONS });
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [revision, setRevision] = useState(0);
  const [lineSets, setLineSets] = useState<{ name: string; label: string }[]>([]);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [log, setLog] = useState<ExportLogEntry[]>([]);
  const [editing, setEditing] = useState(false);

  const refreshLog = useCallback(() => void call('report.exportLog', { limit: 50 }).then(setLog), []);
  useEffect(() => {
    void call('lines.sets', {}).then(setLineSets);
    refreshLog();
  }, [refreshLog]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('report.preview', optionsOf(snapshot, settings)).then(
      (p) => { if (live) { setPreview(p); setPreviewError(null); setLoading(false); } },
      (err: unknown) => {
        if (live) { setPreviewError(err instanceof ApiCallError ? err.message : String(err)); setLoading(false); }
      },
    );
    return () => { live = false; };
  }, [snapshot, settings, revision]);

  const set = (patch: Partial<Settings>): void => setSettings((s) => ({ ...s, ...patch }));
  const toggle = (section: ReportSection): void => {
    const next = settings.sections.includes(section) ? settings.sections.filter((s) => s !== section)
      : [...settings.sections, section];
    if (next.length > 0) set({ sections: REPORT_SECTIONS.filter((s) => next.includes(s)) });
  };

  const exportAs = async (format: ReportFormat): Promise<void> => {
    setExportMessage(null);
    try {
      const { jobId } = await call('report.export', { ...optionsOf(snapshot, settings), format });
      const end = await waitForJob(jobId, { onStatus: setJob });
      if (end.state === 'done') {
        const result = ReportExportResult.parse(end.result);
        const outcome = await deliver(result.delivery, '保存报告');
        setExportMessage(outcome.saved ? `已导出 ${result.delivery.fileName}${outcome.savedAs ? `（保存到 ${outcome.savedAs}）` : ''}` : '未保存：已关闭保存对话框。');
      }
      refreshLog();
    } catch (err) {
      setExportMessage(err instanceof ApiCallError ? err.message : String(err));
    }
  };
  const running = job?.state === 'running';

  return (
    <div className="analysis-view report-view" data-testid="report-view">
      <ViewHeader title="报告导出">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="button primary" disabled={running || preview === null} onClick={() => void exportAs(f.format)} data-testid={`export-${f.format}`}>
            {f.label}
          </button>
        ))}
      </ViewHeader>
      <div className="report-controls" data-testid="report-controls">
        <label className="field"><span>起始年</span>
          <input type="number" min={2000} max={2100} placeholder="全部" value={settings.from} onChange={(e) => set({ from: e.target.value })} data-testid="report-from" />
        </label>
        <label className="field"><span>结束年</span>
          <input type="number" min={2000} max={2100} placeholder="全部" value={settings.to} onChange={(e) => set({ to: e.target.value })} data-testid="report-to" />
        </label>
        <label className="field"><span>贫困线标准</span>
          <select value={settings.lineSet} onChange={(e) => set({ lineSet: e.target.value })}>
            <option value="">快照的设置</option>
            {lineSets.map((l) => <option key={l.name} value={l.name}>{l.label}</option>)}
          </select>
        </label>
        <fieldset className="field mode-choice"><legend>版本</legend>
          <label><input type="radio" name="mode" checked={settings.mode === 'circulation'} onChange={() => set({ mode: 'circulation' })} />流通版（少于 3 人显示 &lt;3）</label>
          <label><input type="radio" name="mode" checked={settings.mode === 'internal'} onChange={() => set({ mode: 'internal' })} data-testid="mode-internal" />内部版（含名单，不得外传）</label>
        </fieldset>
        <fieldset className="field section-toggles"><legend>章节</legend>
          {REPORT_SECTIONS.map((s) => (
            <label key={s}><input type="checkbox" checked={settings.sections.includes(s)} onChange={() => toggle(s)} data-testid={`section-${s}`} />{REPORT_SECTION_LABELS[s]}</label>
          ))}
        </fieldset>
        <button type="button" className="button" onClick={() => setEditing((e) => !e)} data-testid="toggle-templates">{editing ? '收起模板' : '编辑措辞模板'}</button>
      </div>
      {job ? <JobProgress status={job} onCancel={() => void cancelJob(job.jobId).then(setJob)} /> : null}
      {exportMessage ? <p className="form-ok" role="status" data-testid="export-message">{exportMessage}</p> : null}
      <div className={editing ? 'report-layout editing' : 'report-layout'}>
        {editing ? (
          <Panel title="措辞模板" note="模板保存在数据库中；未知或无数值的占位符会报错并指明位置，不会留空。">
            <TemplateEditor onSaved={() => setRevision((r) => r + 1)} />
          </Panel>
        ) : null}
        <div className="report-preview-column">
          {previewError ? <p className="form-error" role="alert" data-testid="preview-error">{previewError}</p> : null}
          {loading && preview === null ? <p className="muted">正在根据指标起草报告…</p> : null}
          {preview ? <PagedPreview preview={preview} /> : null}
        </div>
      </div>
      <Panel title="导出记录" note="每次导出自动记录，不能修改或删除。">
        <ExportLog entries={log} />
      </Panel>
    </div>
  );
}
