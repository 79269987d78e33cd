import type { z } from 'zod';
import type { API, ApiMethod, ApiResponse } from '../../../shared/api/contract';
import type { ServiceContext } from './context';

/** The request after zod parsing (defaults applied): what a handler receives. */
export type HandlerRequest<M extends ApiMethod> = z.output<(typeof API)[M]['request']>;

export type Handler<M extends ApiMethod> = (
  ctx: ServiceContext,
  req: HandlerRequest<M>,
) => Promise<ApiResponse<M>> | ApiResponse<M>;

/** A subject's handlers; service.ts joins them and the compiler checks every method has one. */
export type HandlerMap<K extends ApiMethod> = { [M in K]: Handler<M> };
