import type { CliCommand } from '../command';
import { snapshotsCommand } from './snapshots';

/** Every subcommand, in the order `tuopin --help` lists them. Add new commands here. */
export const COMMANDS: CliCommand[] = [
  snapshotsCommand,
];
