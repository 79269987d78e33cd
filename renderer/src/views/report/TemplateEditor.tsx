import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ReportTemplate, TemplateSection } from '../../../../shared/api/report';
import { ApiCallError, call } from '../../api/client';

/**
 * The wording of one section: a text with named placeholders ({年均增长}). Saving checks every
 * placeholder against the section's list (an unknown one is refused with its line and column);
 * 恢复默认 brings back the shipped wording.
 */
export function TemplateEditor({ onSaved }: { readonly onSaved: () => void }): ReactNode {
  const [templates, setTemplates] = useState<ReportTemplate[] | null>(null);
  const [section, setSection] = useState<TemplateSection>('income');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void call('report.templates', {}).then(setTemplates);
  }, []);
  const current = templates?.find((t) => t.section === section);
  useEffect(() => {
    if (current) setText(current.text);
  }, [current]);

  const replace = (t: ReportTemplate): void =>
    setTemplates((list) => list?.map((x) => (x.section === t.section ? t : x)) ?? null);
  const save = async (): Promise<void> => {
    try {
      replace(await call('report.setTemplate', { section, text }));
      setMessage({ kind: 'ok', text: '已保存，预览已按新措辞更新。' });
      onSaved();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof ApiCallError ? err.message : String(err) });
    }
  };
  const reset = async (): Promise<void> => {
    replace(await call('report.resetTemplate', { section }));
    setMessage({ kind: 'ok', text: '已恢复默认措辞。' });
    onSaved();
  };
  const insert = (name: string): void => {
    const el = area.current;
    const at = el?.selectionStart ?? text.length;
    setText(`${text.slice(0, at)}{${name}}${text.slice(at)}`);
  };

  if (!templates) return <p className="muted">正在读取模板…</p>;
  return (
    <div className="template-editor" data-testid="template-editor">
      <label className="field">
        <span>章节</span>
        <select value={section} onChange={(e) => { setSection(e.target.value as TemplateSection); setMessage(null); }}>
          {templates.map((t) => <option key={t.section} value={t.section}>{t.label}{t.edited ? '（已修改）' : ''}</option>)}
        </select>
      </label>
      <textarea ref={area} value={text} onChange={(e) => setText(e.target.value)} rows={10} spellCheck={false} data-testid="template-text" />
      <p className="muted">每行一段；以“（一）”开头的短行是小标题。点击占位符插入到光标处：</p>
      <div className="placeholder-list">
        {current?.placeholders.map((p) => (
          <button type="button" className="chip" key={p.name} title={p.description} onClick={() => insert(p.name)}>{`{${p.name}}`}</button>
        ))}
        {current?.placeholders.length === 0 ? <span className="muted">本节没有占位符</span> : null}
      </div>
      <div className="template-actions">
        <button type="button" className="button primary" onClick={() => void save()} data-testid="template-save">保存模板</button>
        <button type="button" className="button" onClick={() => void reset()} disabled={!current?.edited}>恢复默认</button>
      </div>
      {message ? <p className={message.kind === 'error' ? 'form-error' : 'form-ok'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="template-message">{message.text}</p> : null}
    </div>
  );
}
