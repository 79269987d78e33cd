import { useEffect, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/common';
import type { IdSecretStatus } from '../../../../shared/api/idSecret';
import { ApiCallError, call } from '../../api/client';
import { ErrorNotice, Loading } from '../../components/Feedback';
import { Panel } from '../../components/Panel';
import { ConfirmDialog } from './ConfirmDialog';

function apiError(err: unknown): ApiError {
  return err instanceof ApiCallError ? err.error : { code: 'internal', message: String(err) };
}

/**
 * 证件号码密钥: where the secret that keys the ID hashes is kept (outside the database file), what its
 * loss breaks and what it does not; when it is lost, the choice of a new one, asked for explicitly.
 * `snapshots` is the number of snapshots listed: the status is asked again when it changes.
 */
export function IdSecretPanel({ snapshots }: { readonly snapshots: number }): ReactNode {
  const [status, setStatus] = useState<IdSecretStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    call('idSecret.status', {}).then(
      (s) => live && setStatus(s),
      (err: unknown) => live && setError(apiError(err)),
    );
    return () => {
      live = false;
    };
  }, [snapshots]);

  const renew = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await call('idSecret.renew', { confirm: true }));
      setAsking(false);
    } catch (err) {
      setError(apiError(err));
    } finally {
      setBusy(false);
    }
  };

  const lost = status !== null && status.state !== 'ok';
  return (
    <Panel
      title="证件号码密钥"
      className={lost ? 'id-secret-panel id-secret-lost' : 'id-secret-panel'}
      note="证件号码只以带密钥的散列保存，用于跨期对比中按证件号对应户和人；密钥不在数据库文件中。"
      actions={status?.state === 'missing' ? (
        <button type="button" className="button" data-testid="id-secret-renew" onClick={() => setAsking(true)}>
          生成新密钥…
        </button>
      ) : null}
    >
      {error ? <ErrorNotice error={error} /> : null}
      {status === null && !error ? <Loading /> : null}
      {status ? (
        <div className="id-secret-body" data-testid="id-secret" data-state={status.state}>
          {lost ? <p className="id-secret-message" role="alert">{status.message}</p> : (
            <p>
              密钥保存在 <code>{status.where}</code>。备份或迁移数据库时，请把这个文件夹一并备份；只拷走数据库文件的人得不到密钥。
            </p>
          )}
          <p className="id-secret-list-title">密钥丢失时受影响：</p>
          <ul>{status.affects.map((a) => <li key={a}>{a}</li>)}</ul>
          <p className="id-secret-list-title">不受影响：</p>
          <ul>{status.keeps.map((k) => <li key={k}>{k}</li>)}</ul>
        </div>
      ) : null}
      {asking ? (
        <ConfirmDialog title="生成新的证件号码密钥" confirmLabel="确定生成" busy={busy}
          onConfirm={() => void renew()} onCancel={() => setAsking(false)}>
          <p>找不到原来的密钥。生成新密钥后，现有 {status?.snapshots ?? 0} 个快照保持不变，之后导入的快照使用新密钥。</p>
          <p className="confirm-warning">新旧快照之间将无法按证件号对应（改号户匹配、成员增减比对、跨快照查重）。如能找回原密钥文件，请先放回原处，不要生成。</p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
