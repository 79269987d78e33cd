import { Refusal } from '../core/refusal';

/** One `tuopin` subcommand: its help line, its options, and what it does. */
export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** More lines for `tuopin <command> --help`: what the input looks like, with an example. */
  readonly details?: readonly string[];
  /** Options for node:util parseArgs. */
  readonly options: Readonly<Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>>;
  readonly allowPositionals: boolean;
  run(args: CliArgs, io: CliIo): Promise<number>;
}

export interface CliArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | boolean[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export function stringOption(args: CliArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function intOption(args: CliArgs, name: string, fallback: number): number {
  const v = stringOption(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Refusal('invalid_request', `--${name} 需要整数，收到 "${v}"`);
  return n;
}
