import { notFound } from '../refusal';
import type { HandlerMap } from './handlers';

export const jobHandlers: HandlerMap<'jobs.status' | 'jobs.cancel' | 'jobs.active'> = {
  'jobs.status': (ctx, req) => {
    const s = ctx.jobs.status(req.jobId);
    if (!s) throw notFound(`没有找到任务 ${req.jobId}`);
    return s;
  },
  'jobs.active': (ctx, req) => ctx.jobs.active(req.kind),
  'jobs.cancel': (ctx, req) => {
    const s = ctx.jobs.cancel(req.jobId);
    if (!s) throw notFound(`没有找到任务 ${req.jobId}`);
    return s;
  },
};
