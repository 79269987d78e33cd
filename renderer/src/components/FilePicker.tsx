import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { ApiCallError, call, uploadFile } from '../api/client';

export interface PickedFile {
  /** The host's id of the chosen file or the uploaded copy (imports.start takes it; never a path). */
  readonly source: string;
  readonly name: string;
}

/**
 * Choosing a file the same way on both hosts: the system dialog where the host has one (desktop),
 * otherwise the browser's file input; a file dropped on the area is uploaded to the host in
 * either case. `extensions` without dots, e.g. ['xlsx', 'csv', 'zip'].
 */
export function FilePicker({
  extensions,
  filterName,
  onPicked,
  label = '选择文件…',
  hint,
}: {
  readonly extensions: readonly string[];
  readonly filterName: string;
  readonly onPicked: (file: PickedFile) => void;
  readonly label?: string;
  readonly hint?: ReactNode;
}): ReactNode {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const accept = (name: string): boolean => extensions.length === 0 || extensions.some((ext) => name.toLowerCase().endsWith(`.${ext.toLowerCase()}`));

  const upload = async (file: File): Promise<void> => {
    if (!accept(file.name)) {
      setError(`不支持的文件类型：${file.name}（可用：${extensions.map((e) => `.${e}`).join('、')}）`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onPicked(await uploadFile(file));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (): Promise<void> => {
    setError(null);
    try {
      const { picked } = await call('dialog.openFile', { kind: 'file', filters: [{ name: filterName, extensions: [...extensions] }] });
      if (picked) onPicked(picked);
    } catch (err) {
      // The loopback host has no system dialog: the browser's own file chooser does the job.
      if (err instanceof ApiCallError && err.code === 'refused') input.current?.click();
      else setError(err instanceof Error ? err.message : String(err));
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void upload(file);
  };

  return (
    <div
      className={`file-picker${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="file-picker"
    >
      <button type="button" className="button primary" disabled={busy} onClick={() => void choose()}>
        {busy ? '正在上传…' : label}
      </button>
      <span className="file-picker-hint">{hint ?? `或把文件拖到这里（${extensions.map((e) => `.${e}`).join('、')}）`}</span>
      <input
        ref={input}
        type="file"
        hidden
        accept={extensions.map((e) => `.${e}`).join(',')}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void upload(file);
        }}
      />
      {error ? <p className="file-picker-error">{error}</p> : null}
    </div>
  );
}
