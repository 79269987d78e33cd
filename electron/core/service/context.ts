import type { Db } from '../db/database';
import type { JobRunner } from '../jobs/jobRunner';

/** What every handler may use: the open database, where it lives, the job runner, the host kind. */
export interface ServiceContext {
  readonly db: Db;
  readonly databasePath: string;
  readonly jobs: JobRunner;
  readonly host: 'electron' | 'http';
  /** A folder for uploaded files and temporary exports (the HTTP host's uploads land here). */
  readonly workDir: string;
}
