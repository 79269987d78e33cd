import { z } from 'zod';
import { ApiError } from '../../../shared/api/common';
import { PickedSource } from '../../../shared/api/imports';
import { API, type ApiMethod, type ApiRequest, type ApiResponse } from '../../../shared/api/contract';
import { answerFromWire } from '../../../shared/api/wire';
import { noteCall } from './resultCache';
import { transport, TransportFailure } from './transport';

// The page's CSP forbids eval; zod's JIT would try it (and log a violation) before falling back.
z.config({ jitless: true });

const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);

/** A call the host answered with an error: its code and the Chinese message to show. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get code(): ApiError['code'] {
    return this.error.code;
  }
}

async function unwrap(method: string, raw: Promise<unknown>): Promise<unknown> {
  let answer: unknown;
  try {
    answer = await raw;
  } catch (err) {
    const message = err instanceof TransportFailure ? err.message : `调用失败（${method}）：${err instanceof Error ? err.message : String(err)}`;
    throw new ApiCallError({ code: 'internal', message });
  }
  const envelope = Envelope.safeParse(answer);
  if (!envelope.success) throw new ApiCallError({ code: 'internal', message: `工作站返回了无法识别的结果（${method}）` });
  if (!envelope.data.ok) throw new ApiCallError(envelope.data.error);
  return envelope.data.data;
}

/**
 * Calls one method of the contract and returns its checked response. Both sides are validated with
 * the contract's own zod schemas (an answer with a wire form with its codec's, then decoded); the page
 * never learns which host (desktop IPC or loopback HTTP) answered.
 */
export async function call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
  const checkedRequest = (API[method].request as z.ZodType).safeParse(request);
  if (!checkedRequest.success) {
    throw new ApiCallError({ code: 'invalid_request', message: `请求格式不正确（${method}）：${checkedRequest.error.issues[0]?.message ?? ''}` });
  }
  noteCall(method);
  let data: unknown;
  try {
    data = await unwrap(method, transport().call(method, request));
  } finally {
    // Answers computed while a change was under way must not be kept either.
    noteCall(method);
  }
  const checked = answerFromWire(method, data);
  if (!checked.ok) {
    throw new ApiCallError({ code: 'internal', message: `工作站返回的结果不符合约定（${method}）` });
  }
  return checked.data;
}

/**
 * Hands a file the user dropped or picked in the page to the host, which saves it in its work
 * folder and answers an id (never a path) that imports.start then names.
 */
export async function uploadFile(file: File): Promise<PickedSource> {
  const data = await unwrap('upload', transport().upload(file));
  const checked = PickedSource.safeParse(data);
  if (!checked.success) throw new ApiCallError({ code: 'internal', message: '上传结果无法识别' });
  return checked.data;
}
