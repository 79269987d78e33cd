import { API, isApiMethod, type ApiMethod } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/common';
import { issuesText, ZH_ERRORS } from '../../../shared/api/issueText';
import { answerToWire } from '../../../shared/api/wire';
import type { ServiceContext } from './context';
import type { Handler, HandlerMap } from './handlers';
import { appHandlers } from './appHandlers';
import { dialogHandlers } from './dialogHandlers';
import { jobHandlers } from './jobHandlers';
import { snapshotHandlers } from './snapshotHandlers';
import { metricsHandlers } from './metricsHandlers';
import type { importHandlers } from './importHandlers';
import { pivotHandlers } from './pivotHandlers';
import { deliveryHandlers } from '../delivery/deliveryHandlers';
import type { exportHandlers } from '../export/exportHandlers';
import { evaluationHandlers } from '../evaluation/evaluationHandlers';
import type { reportHandlers } from '../report/reportHandlers';
import { rollupHandlers } from '../rollup/rollupHandlers';
import { standardsHandlers } from '../standards/standardsHandlers';
import { demoHandlers } from '../demo/demoHandlers';
import { isRefusal, refusalError } from '../refusal';
import { idSecretHandlers } from '../identity/idSecretHandlers';

type Methods<T> = keyof T & ApiMethod;

/**
 * Handlers whose modules load ExcelJS, DuckDB, docx and the Chromium driver (≈ 2 s of module
 * loading on a busy machine) are required at their first call: a command such as `tuopin signals`
 * or a host that never imports, reports or exports does not pay for them. The methods are listed
 * here; the compiler checks that each is the module's and that together they cover the contract.
 */
function deferred<K extends ApiMethod>(methods: readonly K[], load: () => Promise<HandlerMap<K>>): HandlerMap<K> {
  const map: Partial<Record<ApiMethod, Handler<ApiMethod>>> = {};
  for (const method of methods) {
    map[method] = async (ctx, req) => ((await load())[method] as Handler<ApiMethod>)(ctx, req);
  }
  return map as HandlerMap<K>;
}

const deferredImports = deferred<Methods<typeof importHandlers>>(['imports.start', 'imports.saveIssueReport'],
  async () => (await import('./importHandlers.js')).importHandlers);
const deferredExports = deferred<Methods<typeof exportHandlers>>(['export.parquet', 'export.parquetFolder'],
  async () => (await import('../export/exportHandlers.js')).exportHandlers);
const deferredReports = deferred<Methods<typeof reportHandlers>>(
  [
    'report.preview', 'report.export', 'report.templates', 'report.setTemplate', 'report.resetTemplate',
    'report.exportLog',
  ],
  async () => (await import('../report/reportHandlers.js')).reportHandlers);

/** Every method of the contract with its handler; a missing one is a compile error. */
const HANDLERS: HandlerMap<ApiMethod> = {
  ...appHandlers,
  ...snapshotHandlers,
  ...deferredImports,
  ...jobHandlers,
  ...dialogHandlers,
  ...metricsHandlers,
  ...pivotHandlers,
  ...deliveryHandlers,
  ...deferredExports,
  ...evaluationHandlers,
  ...deferredReports,
  ...rollupHandlers,
  ...standardsHandlers,
  ...idSecretHandlers,
  ...demoHandlers,
};

/**
 * The single entry point of every host: validates the request with the contract's schema, runs the
 * handler, validates the response, and turns failures into an ApiResult the client can show. The data
 * is what travels: a method with a wire codec (shared/api/wire.ts) answers its checked wire form,
 * which every reader turns back with answerFromWire().
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
    const checked = answerToWire(method, data);
    if (!checked.ok) {
      return { ok: false, error: { code: 'internal', message: `内部错误：${method} 的结果不符合约定（${checked.message}）` } };
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
