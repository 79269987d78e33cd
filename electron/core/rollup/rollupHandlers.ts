import type { HandlerMap } from '../service/handlers';
import { countyRollup } from './countyRollup';

export const rollupHandlers: HandlerMap<'rollup.counties'> = {
  'rollup.counties': (ctx) => countyRollup(ctx.db),
};
