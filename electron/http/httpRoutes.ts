import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_API_PREFIX, HTTP_UPLOAD_PATH } from '../../shared/api/contract';
import { HTTP_DOWNLOAD_PREFIX } from '../../shared/api/delivery';
import { deliveredFile } from '../core/delivery/deliveries';
import { registerPickedSource } from '../core/import/pickedSources';
import type { ServiceContext } from '../core/service/context';
import { dispatch } from '../core/service/service';
import { readStaticFile } from '../host/staticFiles';
import { receiveUpload, UploadTooLarge } from '../host/uploads';
import { admitted, COMMON_HEADERS, failure, sendJson } from './httpReplies';
import { BodyTooLarge, readBody } from './readBody';
import { isLoopbackHost, isOwnOrigin } from './requestGuards';

/** Largest JSON request body: requests are small (ids, a pivot spec); anything bigger is a mistake. */
const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** What the routes of one host run share: its service context, token, renderer folder and port. */
export interface HostRoutes {
  readonly context: ServiceContext;
  readonly token: string;
  /** The built renderer's folder. */
  readonly root: string;
  /** The port listened on (known once listening): the Host and Origin headers must name it. */
  port(): number;
}

/** One request: refused unless addressed to this loopback host by its own page, then routed by path. */
export async function routeRequest(host: HostRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isLoopbackHost(req.headers.host, host.port())) {
    sendJson(res, 421, failure('refused', '只接受本机（127.0.0.1）访问'));
    return;
  }
  if (!isOwnOrigin(req.headers.origin, host.port())) {
    sendJson(res, 403, failure('refused', '只接受工作站自身页面的请求'));
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith(HTTP_API_PREFIX)) {
    await answerCall(host, req, res, url.pathname.slice(HTTP_API_PREFIX.length));
  } else if (url.pathname === HTTP_UPLOAD_PATH) {
    await receiveUploadRequest(host, req, res, url.searchParams.get('name') ?? '');
  } else if (url.pathname.startsWith(HTTP_DOWNLOAD_PREFIX)) {
    sendDelivery(host, req, res, url.pathname.slice(HTTP_DOWNLOAD_PREFIX.length));
  } else if (req.method === 'GET' || req.method === 'HEAD') {
    await sendStaticFile(host, req, res, url.pathname);
  } else {
    sendJson(res, 405, failure('invalid_request', `不支持的请求方法 ${req.method ?? ''}`));
  }
}

/** POST /api/<method>: the JSON body through dispatch(), its ApiResult as the answer. */
async function answerCall(host: HostRoutes, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  if (!admitted(req, res, 'POST', host.token, '接口只接受 POST 请求')) return;
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
  sendJson(res, 200, await dispatch(host.context, name, payload));
}

/** POST /upload?name=: saved in the work folder; the page gets an id for imports.start, never the path. */
async function receiveUploadRequest(
  host: HostRoutes, req: IncomingMessage, res: ServerResponse, name: string,
): Promise<void> {
  if (!admitted(req, res, 'POST', host.token, '上传只接受 POST 请求')) return;
  if (name.trim() === '') {
    sendJson(res, 400, failure('invalid_request', '上传缺少文件名'));
    return;
  }
  try {
    const path = await receiveUpload(req, host.context.workDir, name);
    sendJson(res, 200, { ok: true, data: registerPickedSource(host.context, path) });
  } catch (err) {
    if (err instanceof UploadTooLarge) sendJson(res, 413, failure('invalid_request', err.message));
    else throw err;
  }
}

/** A delivered file's bytes, as an attachment; the token travels in a header, never in the address. */
function sendDelivery(host: HostRoutes, req: IncomingMessage, res: ServerResponse, id: string): void {
  if (!admitted(req, res, 'GET', host.token, '下载只接受 GET 请求')) return;
  const file = deliveredFile(host.context.workDir, id);
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

/** The renderer's own files (GET and HEAD), without a token: they hold no data. */
async function sendStaticFile(
  host: HostRoutes, req: IncomingMessage, res: ServerResponse, pathname: string,
): Promise<void> {
  const file = await readStaticFile(host.root, pathname);
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
