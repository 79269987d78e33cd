import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/api/common';
import { IPC_CHANNEL, IPC_UPLOAD_METHOD } from '../../shared/api/contract';
import type { ServiceContext } from '../core/service/context';
import { dispatch } from '../core/service/service';
import { saveUpload, UPLOAD_LIMIT_BYTES } from '../host/uploads';
import { isAllowedNavigation } from './requestPolicy';
import { registerPickedSource } from '../core/import/pickedSources';

/**
 * Binds the one IPC channel to the service: the same dispatch the loopback host uses, so the
 * page cannot tell the hosts apart. Calls from any frame that is not the app's own page are refused.
 */
export function bindServiceToIpc(ipcMain: Pick<IpcMain, 'handle'>, context: ServiceContext): void {
  ipcMain.handle(IPC_CHANNEL, async (
    event: IpcMainInvokeEvent, method: unknown, payload: unknown,
  ): Promise<ApiResult<unknown>> => {
    const senderUrl = event.senderFrame?.url ?? '';
    if (!isAllowedNavigation(senderUrl)) {
      return { ok: false, error: { code: 'refused', message: '只接受工作站自身页面的调用' } };
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_request', message: '调用名称必须是文字' } };
    }
    if (method === IPC_UPLOAD_METHOD) return receiveIpcUpload(context, payload);
    return dispatch(context, method, payload);
  });
}

async function receiveIpcUpload(context: ServiceContext, payload: unknown): Promise<ApiResult<unknown>> {
  const { name, bytes } = (payload ?? {}) as { name?: unknown; bytes?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || !(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) {
    return { ok: false, error: { code: 'invalid_request', message: '上传需要文件名和文件内容' } };
  }
  const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  if (data.byteLength > UPLOAD_LIMIT_BYTES) {
    return { ok: false, error: { code: 'invalid_request', message: `文件超过上传上限 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB` } };
  }
  const path = await saveUpload(context.workDir, name, data);
  return { ok: true, data: registerPickedSource(context, path) };
}
