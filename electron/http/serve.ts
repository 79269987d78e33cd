import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../core/paths';
import { startPreparationOfNewest } from '../core/service/derivedJob';
import { type HttpHost, startHttpHost } from './httpHost';
import { openBrowser } from './openBrowser';
import { openWorkstationDatabase } from '../host/workstationDatabase';

const USAGE = '用法: node dist/electron/http/serve.js [--db 文件] [--port 端口] [--demo-if-empty] [--open]';

export interface Serving {
  readonly host: HttpHost;
  readonly databasePath: string;
  /** The lines printed for the user (also what `npm start` shows). */
  readonly banner: string;
  stop(): Promise<void>;
}

/**
 * Opens the database named by the arguments (the app's default one without --db) and serves it
 * on the loopback host. `--demo-if-empty` writes the demo county into a database without snapshots.
 */
export async function startServing(argv: readonly string[]): Promise<Serving> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'demo-if-empty': { type: 'boolean' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 需要 0–65535 的整数，收到 "${values.port}"`);
  const databasePath = resolve(values.db ?? defaultDatabasePath());
  mkdirSync(dirname(databasePath), { recursive: true });

  const { db, demoWritten } = await openWorkstationDatabase(databasePath, { demoIfEmpty: values['demo-if-empty'] ?? false });
  let host: HttpHost;
  try {
    host = await startHttpHost({ db, databasePath, port });
    // A database imported by an older version (or copied in) gets its analysis data prepared in
    // the background; when it is prepared already the job ends at once.
    startPreparationOfNewest(host.context);
  } catch (err) {
    db.close();
    throw err;
  }
  const banner = [
    ...(demoWritten ? ['数据库中没有快照，已生成演示县数据。'] : []),
    `脱贫成效分析工作站已在本机启动：${host.url}`,
    `数据库：${databasePath}`,
    '按 Ctrl+C 停止。',
  ].join('\n');
  return {
    host,
    databasePath,
    banner,
    stop: async () => {
      await host.close();
      db.close();
    },
  };
}

/** The command-line entry: serve until Ctrl+C, print the URL, open a browser with --open. */
export async function serve(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const open = argv.includes('--open');
  const serving = await startServing(argv.filter((a) => a !== '--open'));
  process.stdout.write(`${serving.banner}\n`);
  if (open) openBrowser(serving.host.url);
  const stop = (): void => {
    serving.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  serve(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`无法启动：${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    process.exitCode = 1;
  });
}
