import { API, type ApiMethod, type ApiResponse } from './contract';
import { pivotResultWire } from './pivotWire';
import type { WireCodec } from './wireCodec';

/**
 * The answers that travel in a wire form of their own (wireCodec.ts); every other answer travels as
 * its contract's response. The key names the method, so a codec of the wrong type is a compile error.
 */
const WIRE_CODECS: { readonly [M in ApiMethod]?: WireCodec<ApiResponse<M>, unknown> } = {
  'pivot.run': pivotResultWire,
};

export type WireCheck<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly message: string };

function codecOf<M extends ApiMethod>(method: M): WireCodec<ApiResponse<M>, unknown> | undefined {
  return WIRE_CODECS[method] as WireCodec<ApiResponse<M>, unknown> | undefined;
}

/**
 * dispatch()'s check of a handler's answer, giving what travels: the answer checked with the
 * contract's schema, or, for a method with a wire codec, its wire form checked with the codec's schema.
 */
export function answerToWire(method: ApiMethod, answer: unknown): WireCheck<unknown> {
  const codec = codecOf(method);
  if (!codec) {
    const checked = API[method].response.safeParse(answer);
    return checked.success ? { ok: true, data: checked.data } : { ok: false, message: checked.error.issues[0]?.message ?? '' };
  }
  let wire: unknown;
  try {
    wire = codec.encode(answer as ApiResponse<typeof method>);
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const checked = codec.schema.safeParse(wire);
  return checked.success ? { ok: true, data: checked.data } : { ok: false, message: checked.error.issues[0]?.message ?? '' };
}

/**
 * A reader's side (the page's client, the CLI, a bench): what came from dispatch(), checked with the
 * schema it travelled under and turned back into the contract's response; what only decoding can see
 * (a codec's decode throws) is refused the same way.
 */
export function answerFromWire<M extends ApiMethod>(method: M, data: unknown): WireCheck<ApiResponse<M>> {
  const codec = codecOf(method);
  const schema = codec ? codec.schema : API[method].response;
  const checked = schema.safeParse(data);
  if (!checked.success) return { ok: false, message: checked.error.issues[0]?.message ?? '' };
  if (!codec) return { ok: true, data: checked.data as ApiResponse<M> };
  try {
    return { ok: true, data: codec.decode(checked.data) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
