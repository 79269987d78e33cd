import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal question with 确定 / 取消, drawn by the page itself: window.confirm would show the
 * browser's own English chrome and block the page.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
}): ReactNode {
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The safe answer has the focus, so a stray Enter does not delete anything.
    cancelButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  return (
    <div className="confirm-backdrop">
      <div className="confirm-dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <h2 id="confirm-title">{title}</h2>
        <div className="confirm-body">{children}</div>
        <div className="confirm-actions">
          <button ref={cancelButton} type="button" className="button" onClick={onCancel} disabled={busy}>
            取消
          </button>
          <button type="button" className="button danger" onClick={onConfirm} disabled={busy}>
            {busy ? '正在处理…' : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
