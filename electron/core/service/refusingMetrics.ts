import type { ApiMethod } from '../../../shared/api/contract';
import { MetricRefusal } from '../metrics/metricRefusal';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import type { Handler, HandlerRequest } from './handlers';

/**
 * Wraps a handler so that a metric's refusal (unknown snapshot or line set, a bad range, two
 * counties compared) becomes the service's error value, which the page shows and the CLI exits 2 on.
 */
export function refusingMetrics<M extends ApiMethod>(handler: Handler<M>): Handler<M> {
  return async (ctx: ServiceContext, req: HandlerRequest<M>) => {
    try {
      return await handler(ctx, req);
    } catch (err) {
      if (err instanceof MetricRefusal) throw new ServiceError(err.code, err.message);
      throw err;
    }
  };
}
