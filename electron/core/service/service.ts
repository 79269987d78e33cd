import { API, isApiMethod, type ApiMethod } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/common';
import { issuesText, ZH_ERRORS } from '../../../shared/api/issueText';
import type { ServiceContext } from './context';
import type { Handler, HandlerMap } from './handlers';
import { appHandlers } from './appHandlers';
import { dialogHandlers } from './dialogHandlers';
import { jobHandlers } from './jobHandlers';
import { snapshotHandlers } from './snapshotHandlers';
import { metricsHandlers } from './metricsHandlers';
import { importHandlers } from './importHandlers';
import { pivotHandlers } from './pivotHandlers';
import { deliveryHandlers } from '../delivery/deliveryHandlers';
import { exportHandlers } from '../export/exportHandlers';
import { evaluationHandlers } from '../evaluation/evaluationHandlers';
import { reportHandlers } from '../report/reportHandlers';
import { rollupHandlers } from '../rollup/rollupHandlers';
import { standardsHandlers } from '../standards/standardsHandlers';
import { demoHandlers } from '../demo/demoHandlers';
import { isRefusal, refusalError } from '../refusal';
import { idSecretHandlers } from '../identity/idSecretHandlers';

/** Every method of the contract with its handler; a missing one is a compile error. */
const HANDLERS: HandlerMap<ApiMethod> = {
  ...appHandlers,
  ...snapshotHandlers,
  ...importHandlers,
  ...jobHandlers,
  ...dialogHandlers,
  ...metricsHandlers,
  ...pivotHandlers,
  ...deliveryHandlers,
  ...exportHandlers,
  ...evaluationHandlers,
  ...reportHandlers,
  ...rollupHandlers,
  ...standardsHandlers,
  ...idSecretHandlers,
  ...demoHandlers,
};

/**
 * The single entry point of every host: validates the request with the contract's schema, runs the
 * handler, validates the response, and turns failures into an ApiResult the client can show.
 */
export async function dispatch(ctx: ServiceContext, method: string, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'invalid_request', message: `未知的调用：${method}` } };
  }
  const schema = API[method];
  const parsed = schema.request.safeParse(payload ?? {}, ZH_ERRORS);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_request', message: `请求格式不正确（${method}）：${issuesText(parsed.error.issues)}` } };
  }
  try {
    const handler = HANDLERS[method] as Handler<ApiMethod>;
    const data = await handler(ctx, parsed.data as never);
    const checked = schema.response.safeParse(data);
    if (!checked.success) {
      return { ok: false, error: { code: 'internal', message: `内部错误：${method} 的结果不符合约定（${checked.error.issues[0]?.message ?? ''}）` } };
    }
    return { ok: true, data: checked.data };
  } catch (err) {
    if (isRefusal(err)) return { ok: false, error: refusalError(err) };
    return { ok: false, error: { code: 'internal', message: internalMessage(method, err) } };
  }
}

/**
 * An unforeseen failure as the page shows it: the core's own messages are Chinese and kept; the
 * runtime's English (ENOENT, "Invalid string length") is not shown in a Chinese sentence (issue 17).
 */
function internalMessage(method: string, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/[\u4e00-\u9fff]/.test(text)) return text;
  const code = (err as { code?: unknown } | null)?.code;
  const what = code === 'ENOENT' ? '找不到需要的文件' : code === 'EACCES' || code === 'EPERM' ? '没有访问文件的权限'
    : code === 'ENOSPC' ? '磁盘空间不足' : '处理时出错';
  return `工作站内部错误：${what}（${method}）。请重试；如果反复出现，请重新启动工作站。`;
}
