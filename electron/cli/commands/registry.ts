import type { CliCommand } from '../command';
import { snapshotsCommand } from './snapshots';
import { metricsCommand } from './metrics';
import { checkCommand } from './check';
import { importCommand } from './import';
import { demoCommand } from './demo';
import { pivotCommand } from './pivot';
import { exportCommand } from './export';
import { compareCommand } from './compare';
import { signalsCommand } from './signals';
import { reportCommand } from './report';
import { idSecretCommand } from './idSecret';

/** Every subcommand, in the order `tuopin --help` lists them. Add new commands here. */
export const COMMANDS: CliCommand[] = [
  snapshotsCommand,
  metricsCommand,
  checkCommand,
  importCommand,
  demoCommand,
  pivotCommand,
  exportCommand,
  compareCommand,
  signalsCommand,
  reportCommand,
  idSecretCommand,
];
