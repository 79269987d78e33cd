import { z } from 'zod';
import { Empty } from './common';

export const AppInfo = z.object({
  productName: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'http', 'cli']),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appApi = {
  'app.info': { request: Empty, response: AppInfo },
} as const;
