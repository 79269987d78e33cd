import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, ApiResult } from '../../shared/api/common';
import { HTTP_API_PREFIX, HTTP_TOKEN_HEADER, HTTP_UPLOAD_PATH } from '../../shared/api/contract';
import { HTTP_DOWNLOAD_PREFIX } from '../../shared/api/delivery';
import { deliveredFile } from '../core/delivery/deliveries';
import type { Db } from '../core/db/database';
import { JobRunner } from '../core/jobs/jobRunner';
import type { ServiceContext } from '../core/service/context';
import { dispatch } from '../core/service/service';
import { CONTENT_SECURITY_POLICY } from '../host/contentSecurityPolicy';
import { BodyTooLarge, readBody } from './readBody';
import { isLoopbackHost, isOwnOrigin, tokenMatches } from './requestGuards';
import { rendererDir as defaultRendererDir } from '../host/rendererDir';
import { readStaticFile } from '../host/staticFiles';
import { receiveUpload, UploadTooLarge } from '../host/uploads';
import { registerPickedSource } from '../core/import/pickedSources';

/** Largest JSON request body: requests are small (ids, a pivot spec); anything bigger is a mistake. */
const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export interface HttpHostOptions {
  readonly db: Db;
  readonly databasePath: string;
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
  /** The built renderer; defaults to dist/renderer of this package. */
  readonly rendererDir?: string;
  /** Where uploads and temporary exports go; defaults to a new temp folder removed on close. */
  readonly workDir?: string;
}

export interface HttpHost {
  /** The address to open, token included: the page keeps the token and drops it from the URL. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly context: ServiceContext;
  close(): Promise<void>;
}

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The loopback host: serves the built renderer and the same service as the desktop app's IPC, on
 * 127.0.0.1 only. Every API call must carry this run's random token, and a request whose Host
 * header is not a loopback name is refused, so neither another site nor another user's browser
 * session can reach the data.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = randomBytes(24).toString('base64url');
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tuopin-http-'));
  const root = options.rendererDir ?? defaultRendererDir();
  const context: ServiceContext = {
    db: options.db,
    databasePath: options.databasePath,
    jobs: new JobRunner(),
    host: 'http',
    workDir,
  };

  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The runtime's own (English) text stays out of the page: the failure is named in Chinese.
      sendJson(res, 500, failure('internal', '工作站处理这个请求时出错，请重试；如果反复出现，请重新启动工作站。'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackHost(req.headers.host, port)) {
      sendJson(res, 421, failure('refused', '只接受本机（127.0.0.1）访问'));
      return;
    }
    if (!isOwnOrigin(req.headers.origin, port)) {
      sendJson(res, 403, failure('refused', '只接受工作站自身页面的请求'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      await handleApi(req, res, url.pathname.slice(HTTP_API_PREFIX.length));
    } else if (url.pathname === HTTP_UPLOAD_PATH) {
      await handleUpload(req, res, url.searchParams.get('name') ?? '');
    } else if (url.pathname.startsWith(HTTP_DOWNLOAD_PREFIX)) {
      handleDownload(req, res, url.pathname.slice(HTTP_DOWNLOAD_PREFIX.length));
    } else if (req.method === 'GET' || req.method === 'HEAD') {
      await handleStatic(req, res, url.pathname);
    } else {
      sendJson(res, 405, failure('invalid_request', `不支持的请求方法 ${req.method ?? ''}`));
    }
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('invalid_request', '接口只接受 POST 请求'));
      return;
    }
    if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER], token)) {
      sendJson(res, 401, failure('refused', '访问令牌无效：请用启动时显示的完整地址打开页面'));
      return;
    }
    let payload: unknown;
    try {
      const body = await readBody(req, API_BODY_LIMIT_BYTES);
      payload = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
    } catch (err) {
      if (err instanceof BodyTooLarge) sendJson(res, 413, failure('invalid_request', err.message));
      else sendJson(res, 400, failure('invalid_request', '请求内容不是有效的 JSON'));
      return;
    }
    let name: string;
    try {
      name = decodeURIComponent(method);
    } catch {
      sendJson(res, 404, failure('invalid_request', '没有这个接口'));
      return;
    }
    sendJson(res, 200, await dispatch(context, name, payload));
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('invalid_request', '上传只接受 POST 请求'));
      return;
    }
    if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER], token)) {
      sendJson(res, 401, failure('refused', '访问令牌无效：请用启动时显示的完整地址打开页面'));
      return;
    }
    if (name.trim() === '') {
      sendJson(res, 400, failure('invalid_request', '上传缺少文件名'));
      return;
    }
    try {
      const path = await receiveUpload(req, workDir, name);
      // The page gets an id for imports.start, never the saved path.
      sendJson(res, 200, { ok: true, data: registerPickedSource(context, path) });
    } catch (err) {
      if (err instanceof UploadTooLarge) sendJson(res, 413, failure('invalid_request', err.message));
      else throw err;
    }
  }

  /** A delivered file's bytes, as an attachment; the token travels in a header, never in the address. */
  function handleDownload(req: IncomingMessage, res: ServerResponse, id: string): void {
    if (req.method !== 'GET') {
      sendJson(res, 405, failure('invalid_request', '下载只接受 GET 请求'));
      return;
    }
    if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER], token)) {
      sendJson(res, 401, failure('refused', '访问令牌无效：请用启动时显示的完整地址打开页面'));
      return;
    }
    const file = deliveredFile(workDir, id);
    if (!file) {
      sendJson(res, 404, failure('not_found', '要下载的文件已不存在：请重新导出。'));
      return;
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(statSync(file.path).size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'no-store',
    });
    createReadStream(file.path).pipe(res);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const file = await readStaticFile(root, pathname);
    if (!file) {
      res.writeHead(404, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : '未找到');
      return;
    }
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': String(file.body.length),
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    context,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => {
          if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
          resolvePromise();
        });
        server.closeAllConnections();
      }),
  };
}

function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
