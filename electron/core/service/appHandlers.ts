import { SCHEMA_VERSION } from '../db/database';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../../shared/domain/product';
import type { HandlerMap } from './handlers';

export const appHandlers: HandlerMap<'app.info'> = {
  'app.info': (ctx) => ({
    productName: PRODUCT_NAME,
    version: PRODUCT_VERSION,
    host: ctx.host,
    databasePath: ctx.databasePath,
    schemaVersion: SCHEMA_VERSION,
  }),
};
