import { parseArgs } from 'node:util';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../shared/domain/product';
import type { CliIo } from './command';
import { Refusal } from '../core/refusal';
import { COMMANDS } from './commands/registry';

const DB_OPTION = { db: { type: 'string' as const } };

const COMMON_OPTIONS: readonly string[] = [
  '通用选项:',
  '  --db <文件>   SQLite 数据库文件（可省略，默认：工作站用户数据目录中的数据库）',
  '  --json        机器可读输出到标准输出；进度和提示输出到标准错误',
  '  --help        显示帮助',
];

function helpText(): string {
  const lines = [
    `tuopin — ${PRODUCT_NAME} ${PRODUCT_VERSION} 命令行`,
    '',
    '用法: tuopin <命令> [选项]',
    '',
    '命令:',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(64)} ${c.summary}`),
    '',
    ...COMMON_OPTIONS,
    '',
    '退出码: 0 完成；2 输入被拒绝（文件或参数有误，原因见提示）；1 其他错误',
  ];
  return lines.join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version') {
    io.out(PRODUCT_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令：${name}。可用命令：${COMMANDS.map((c) => c.name).join('、')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out([`用法: tuopin ${command.usage}`, command.summary, ...(command.details ?? []), '', ...COMMON_OPTIONS].join('\n'));
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...DB_OPTION, json: { type: 'boolean' }, ...command.options },
      allowPositionals: command.allowPositionals,
      strict: true,
    });
  } catch (err) {
    io.err(`参数有误：${err instanceof Error ? err.message : String(err)}\n用法: tuopin ${command.usage}`);
    return 2;
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (err) {
    return failed(err, io);
  }
}

/**
 * The one place a failure becomes an exit code: the core's refusal (bad input, unknown snapshot,
 * cancelled) is the user's to correct — its message and 2; anything else is ours — the stack and 1.
 */
function failed(err: unknown, io: CliIo): number {
  if (err instanceof Refusal) {
    io.err(err.message);
    return 2;
  }
  io.err(`出错：${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  return 1;
}

if (require.main === module) {
  const io: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
