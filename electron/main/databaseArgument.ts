import { resolve } from 'node:path';

/** The database named on the command line (`--db F` or `--db=F`), or null for the default one. */
export function databaseArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--db=')) return resolve(arg.slice('--db='.length));
    if (arg === '--db' && argv[i + 1]) return resolve(argv[i + 1] ?? '');
  }
  return null;
}
