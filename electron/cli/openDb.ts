import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, type Db } from '../core/db/database';
import { defaultDatabasePath } from '../core/paths';
import { type CliArgs, stringOption } from './command';

export function databasePathOf(args: CliArgs): string {
  return resolve(stringOption(args, 'db') ?? defaultDatabasePath());
}

/** Opens the --db file (or the app's default), creating its folder when needed. */
export function openCliDatabase(args: CliArgs): { db: Db; path: string } {
  const path = databasePathOf(args);
  mkdirSync(dirname(path), { recursive: true });
  return { db: openDatabase(path), path };
}
