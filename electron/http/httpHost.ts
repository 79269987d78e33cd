import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../core/db/database';
import { JobRunner } from '../core/jobs/jobRunner';
import type { ServiceContext } from '../core/service/context';
import { rendererDir as defaultRendererDir } from '../host/rendererDir';
import { failure, sendJson } from './httpReplies';
import { routeRequest, type HostRoutes } from './httpRoutes';

export interface HttpHostOptions {
  readonly db: Db;
  readonly databasePath: string;
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
  /** The built renderer; defaults to dist/renderer of this package. */
  readonly rendererDir?: string;
  /** Where uploads and temporary exports go; defaults to a new temp folder removed on close. */
  readonly workDir?: string;
}

export interface HttpHost {
  /** The address to open, token included: the page keeps the token and drops it from the URL. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly context: ServiceContext;
  close(): Promise<void>;
}

/**
 * The loopback host: serves the built renderer and the same service as the desktop app's IPC, on
 * 127.0.0.1 only. Every API call must carry this run's random token, and a request whose Host
 * header is not a loopback name is refused, so neither another site nor another user's browser
 * session can reach the data.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = randomBytes(24).toString('base64url');
  const ownWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'tuopin-http-'));
  const context: ServiceContext = { db: options.db, databasePath: options.databasePath, jobs: new JobRunner(), host: 'http', workDir };
  let port = 0;
  const routes: HostRoutes = { context, token, root: options.rendererDir ?? defaultRendererDir(), port: () => port };
  const server: Server = createServer((req, res) => {
    routeRequest(routes, req, res).catch(() => {
      // The runtime's own (English) text stays out of the page: the failure is named in Chinese.
      sendJson(res, 500, failure('internal', '工作站处理这个请求时出错，请重试；如果反复出现，请重新启动工作站。'));
    });
  });
  port = await listen(server, options.port ?? 0);
  const origin = `http://127.0.0.1:${port}`;
  const close = (): Promise<void> => new Promise<void>((resolvePromise) => {
    server.close(() => {
      if (ownWorkDir) rmSync(workDir, { recursive: true, force: true });
      resolvePromise();
    });
    server.closeAllConnections();
  });
  return { url: `${origin}/?token=${token}`, origin, port, token, context, close };
}

/** Listens on 127.0.0.1 only; resolves with the port (the system's choice for 0). */
function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise((server.address() as AddressInfo).port);
    });
  });
}
