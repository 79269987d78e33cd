import { HTTP_API_PREFIX, HTTP_TOKEN_HEADER, HTTP_UPLOAD_PATH, IPC_UPLOAD_METHOD } from '../../../shared/api/contract';
import { HTTP_DOWNLOAD_PREFIX } from '../../../shared/api/delivery';
import { readAccessToken } from './token';

/** What the desktop app's preload puts on window: one function, nothing else. */
interface DesktopBridge {
  call(method: string, payload: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    tuopin?: DesktopBridge;
  }
}

/** Carries a call to whichever host serves the page; answers the host's raw ApiResult. */
export interface Transport {
  call(method: string, payload: unknown): Promise<unknown>;
  upload(file: File): Promise<unknown>;
  /**
   * The loopback host's bytes of a delivered file, or null in the desktop app (which saves through
   * its own dialog instead).
   */
  download(id: string): Promise<Blob | null>;
}

/** Thrown when the host cannot be reached at all (as opposed to a call it answered with an error). */
export class TransportFailure extends Error {}

function desktopTransport(bridge: DesktopBridge): Transport {
  return {
    call: (method, payload) => bridge.call(method, payload),
    upload: async (file) => bridge.call(IPC_UPLOAD_METHOD, {
      name: file.name, bytes: new Uint8Array(await file.arrayBuffer()),
    }),
    download: () => Promise.resolve(null),
  };
}

function loopbackTransport(token: string | null): Transport {
  const headers = (): Record<string, string> => (token ? { [HTTP_TOKEN_HEADER]: token } : {});
  const send = async (path: string, init: RequestInit): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new TransportFailure('无法连接工作站服务：服务可能已停止，请重新启动工作站后刷新页面。');
    }
    try {
      return (await response.json()) as unknown;
    } catch {
      throw new TransportFailure(`工作站服务返回了无法识别的内容（HTTP ${response.status}）。`);
    }
  };
  return {
    call: (method, payload) =>
      send(`${HTTP_API_PREFIX}${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers() },
        body: JSON.stringify(payload ?? {}),
      }),
    upload: (file) =>
      send(`${HTTP_UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...headers() },
        body: file,
      }),
    download: async (id) => {
      let response: Response;
      try {
        response = await fetch(`${HTTP_DOWNLOAD_PREFIX}${encodeURIComponent(id)}`, { headers: headers() });
      } catch {
        throw new TransportFailure('无法连接工作站服务：服务可能已停止，请重新启动工作站后刷新页面。');
      }
      if (!response.ok) {
        throw new TransportFailure(response.status === 404 ? '要下载的文件已不存在：请重新导出。' : `下载失败（HTTP ${response.status}）。`);
      }
      return response.blob();
    },
  };
}

let current: Transport | null = null;

/** The desktop bridge when the preload provided one, else the loopback host that served the page. */
export function transport(): Transport {
  current ??= window.tuopin ? desktopTransport(window.tuopin) : loopbackTransport(readAccessToken());
  return current;
}
