import type { CliCommand } from '../command';
import { snapshotsCommand } from './snapshots';
import { importCommand } from './import';

/** Every subcommand, in the order `tuopin --help` lists them. Add new commands here. */
export const COMMANDS: CliCommand[] = [
  snapshotsCommand,
  importCommand,
];
