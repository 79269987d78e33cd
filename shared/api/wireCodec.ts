import type { z } from 'zod';

/**
 * How a contract answer travels when its own shape is slow to check at every boundary: a wire form
 * checked by `schema`, made by `encode` on the host and turned back by `decode` in every reader. The
 * schema must check the wire form's shape; what it cannot see without decoding (bytes that are not
 * finite numbers) `decode` checks and throws on, so that a wire form that decodes at all is a value
 * of the contract's response type.
 */
export interface WireCodec<T, W> {
  readonly schema: z.ZodType<W>;
  encode(value: T): W;
  decode(wire: W): T;
}
