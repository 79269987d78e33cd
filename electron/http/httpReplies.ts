import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError, ApiResult } from '../../shared/api/common';
import { HTTP_TOKEN_HEADER } from '../../shared/api/contract';
import { CONTENT_SECURITY_POLICY } from '../host/contentSecurityPolicy';
import { tokenMatches } from './requestGuards';

/** Sent with every answer of the loopback host: its own pages only, never framed, no referrer. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function failure(code: ApiError['code'], message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  // Encoded once: measuring the text's UTF-8 length and then writing it would encode it twice.
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
  });
  res.end(bytes);
}

/**
 * The two checks every call, upload and download passes first: its one request method (else 405,
 * `refusal` says which the route takes) and this run's token in its header (else 401). False when
 * the answer has been sent.
 */
export function admitted(req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST', token: string, refusal: string): boolean {
  if (req.method !== method) {
    sendJson(res, 405, failure('invalid_request', refusal));
    return false;
  }
  if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER], token)) {
    sendJson(res, 401, failure('refused', '访问令牌无效：请用启动时显示的完整地址打开页面'));
    return false;
  }
  return true;
}
