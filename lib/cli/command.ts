/**
 * A command of the `sg-replica` CLI as data: its name, arguments, options
 * and what runs it, parsed with node's own `util.parseArgs`. Usage errors
 * (unknown option, missing value, wrong number of arguments) are
 * `UsageError`s: the CLI prints them with the command's usage and exits 2.
 */
import { parseArgs } from 'node:util';

/** Where a command writes: results to `out`, errors to `err`. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** An option of a command. */
export interface CommandOption {
  readonly type: 'string' | 'boolean';
  /** One-letter alias, e.g. `y` for `--yes`. */
  readonly short?: string;
  /** May be given several times (and comma-separated): the value is a list. @default false */
  readonly multiple?: boolean;
  /** The value's placeholder in the help, e.g. `DIR`. @default 'VALUE' */
  readonly value?: string;
  /** The value when the option is not given. @default none */
  readonly default?: string;
  /** One line for the help. */
  readonly help: string;
}

/** A command line, parsed: option values by name (lists for `multiple` options) and the positional arguments. */
export interface ParsedCommand {
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly positionals: readonly string[];
}

/** One command of the CLI. `Deps` are what tests replace (cloud clients, prompts). */
export interface Command<Deps = unknown> {
  readonly name: string;
  /** Its positional arguments as the usage shows them, e.g. `<design.yaml...>`. */
  readonly args: string;
  /** What it does, one line. */
  readonly summary: string;
  readonly options: Readonly<Record<string, CommandOption>>;
  /** How many positional arguments it takes, and what they are (for messages: `design file`). */
  readonly positionals: { readonly min: number; readonly max?: number; readonly what?: string };
  /**
   * The command parses its own arguments: `run` gets them unparsed as
   * `positionals` (and no `values`). Only for options `util.parseArgs` cannot
   * express, such as verify's `--wait [DURATION]` with its optional value;
   * `options` still describe them for the help.
   * @default false
   */
  readonly parsesOwnArguments?: boolean;
  /** Runs the command; resolves to the exit code. Loads what it needs only when it runs. */
  run(parsed: ParsedCommand, io: Output, deps?: Deps): Promise<number>;
}

/** A command line that does not fit the command: printed with its usage, exit 2. */
export class UsageError extends Error {}

const HELP: CommandOption = { type: 'boolean', short: 'h', help: 'show this help' };

/** Every option of `command`, with `--help`. */
function optionsOf(command: Command<never>): Readonly<Record<string, CommandOption>> {
  return { ...command.options, help: HELP };
}

function count(n: number, what: string): string {
  return `${n === 1 ? 'one' : n} ${what}${n === 1 ? '' : 's'}`;
}

/** Turns node's parse errors into one line naming the option. */
function usageError(error: Error & { code?: string }): UsageError {
  // "Unknown option '--x'", "Option '-y, --yes' does not take an argument", "Option '--out <value>' argument missing"
  const option = /'(?:-\w, )?(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${option}'`);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/does not take an argument/.test(error.message) ? `${option} takes no value` : `${option} needs a value`);
  }
  return new UsageError(error.message.split('\n')[0]);
}

/**
 * Parses the arguments after the command's name.
 *
 * @throws UsageError for an unknown option, a missing or empty value, a value
 *   given to a flag, or the wrong number of positional arguments.
 */
export function parseCommand(command: Command<never>, args: readonly string[]): ParsedCommand & { readonly help: boolean } {
  const options = optionsOf(command);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw usageError(e as Error);
  }
  const values: Record<string, string | boolean | readonly string[] | undefined> = {};
  for (const [name, option] of Object.entries(options)) {
    const given = parsed.values[name] as string | boolean | string[] | undefined;
    if (option.type === 'string') {
      const list = given === undefined ? [] : ([] as string[]).concat(given as string | string[]);
      if (list.some((v) => v.trim() === '')) throw new UsageError(`--${name} needs a value`);
      if (option.multiple) values[name] = list.flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean));
      else values[name] = given === undefined ? option.default : list[list.length - 1];
    } else {
      values[name] = given === true;
    }
  }
  const help = values.help === true;
  const positionals = parsed.positionals;
  const { min, max, what = 'argument' } = command.positionals;
  if (!help) {
    if (max === 0 && positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (min === max && positionals.length !== min) throw new UsageError(`give exactly ${count(min, what)}${positionals.length ? `, got ${positionals.length}` : ''}`);
    if (positionals.length < min) throw new UsageError(`give at least ${count(min, what)}`);
    if (max !== undefined && positionals.length > max) throw new UsageError(`give at most ${count(max, what)}, got ${positionals.length}`);
  }
  return { values, positionals, help };
}

/** `[--out DIR]`, `[--names]`, `[--region R]...` */
function optionSynopsis(name: string, option: CommandOption): string {
  const flag = option.type === 'string' ? `--${name} ${option.value ?? 'VALUE'}` : `--${name}`;
  return `[${flag}]${option.multiple ? '...' : ''}`;
}

/** The command's usage line: `sg-replica synth [--out DIR] [--offline] <design.yaml...>`. */
export function usageLine(command: Command<never>): string {
  const options = Object.entries(command.options).map(([name, option]) => optionSynopsis(name, option));
  return ['sg-replica', command.name, ...options, command.args].filter(Boolean).join(' ');
}

/** The help of one command: its usage line, what it does, its options. */
export function commandHelp(command: Command<never>): string {
  const options = Object.entries(optionsOf(command)).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(22)} ${o.help}${o.default !== undefined ? ` (default: ${o.default})` : ''}`;
  });
  return [`Usage: ${usageLine(command)}`, `  ${command.summary}`, '', 'Options:', ...options].join('\n');
}
