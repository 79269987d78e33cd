import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import { answerFromWire } from '../../shared/api/wire';
import type { Db } from '../core/db/database';
import { JobRunner, type JobObserver } from '../core/jobs/jobRunner';
import type { ServiceContext } from '../core/service/context';
import { dispatch } from '../core/service/service';
import { type CliArgs } from './command';
import { Refusal } from '../core/refusal';
import { openCliDatabase } from './openDb';

/** The CLI's side of the front door: the same dispatch() as the hosts, with a context of its own. */
export interface CliService {
  readonly ctx: ServiceContext;
  call<M extends ApiMethod>(method: M, payload: ApiRequest<M>): Promise<ApiResponse<M>>;
  close(): void;
}

/** A service context on an open database; the work folder is removed on close. */
export function cliServiceOn(db: Db, databasePath: string, observer: JobObserver | null = null): CliService {
  const workDir = mkdtempSync(join(tmpdir(), 'tuopin-cli-'));
  const ctx: ServiceContext = { db, databasePath, jobs: new JobRunner(observer), host: 'cli', workDir };
  return {
    ctx,
    call: (method, payload) => callService(ctx, method, payload),
    close() {
      rmSync(workDir, { recursive: true, force: true });
      db.close();
    },
  };
}

/** Opens the --db file (or the default) and a service on it; `observer` sees its jobs' progress. */
export function openCliService(args: CliArgs, observer: JobObserver | null = null): CliService {
  const { db, path } = openCliDatabase(args);
  return cliServiceOn(db, path, observer);
}

/**
 * Calls one contract method through dispatch(): a refusal the user is meant to read (bad request,
 * unknown snapshot, refused input, cancelled) becomes exit code 2, anything else exit code 1.
 */
export async function callService<M extends ApiMethod>(
  ctx: ServiceContext,
  method: M,
  payload: ApiRequest<M>,
): Promise<ApiResponse<M>> {
  const result = await dispatch(ctx, method, payload);
  if (result.ok) {
    const answer = answerFromWire(method, result.data);
    if (!answer.ok) throw new Error(`内部错误：${method} 的结果不符合约定（${answer.message}）`);
    return answer.data;
  }
  const details = result.error.details?.map((d) => `  ${d.message}`).join('\n');
  const message = details ? `${result.error.message}\n${details}` : result.error.message;
  const { code } = result.error;
  if (code === 'internal') throw new Error(message);
  throw new Refusal(code, message);
}
