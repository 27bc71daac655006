/** Commands as data, parsed with node's util.parseArgs: values, defaults, lists, and usage errors. */
import { Command, commandHelp, parseCommand, UsageError, usageLine } from '../../lib/cli/command';

const command: Command = {
  name: 'demo',
  args: '<file...>',
  summary: 'does a demo',
  options: {
    out: { type: 'string', value: 'DIR', default: 'out', help: 'where to write' },
    region: { type: 'string', value: 'R', multiple: true, help: 'regions' },
    yes: { type: 'boolean', short: 'y', help: 'do not ask' },
  },
  positionals: { min: 1, what: 'file' },
  run: async () => 0,
};

const usage = (args: string[]) => {
  try {
    parseCommand(command, args);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('no usage error');
};

describe('parseCommand', () => {
  it('reads options anywhere, defaults, flags and their short forms', () => {
    expect(parseCommand(command, ['a', '--out', 'x', 'b', '-y'])).toEqual({ values: { out: 'x', region: [], yes: true, help: false }, positionals: ['a', 'b'], help: false });
    expect(parseCommand(command, ['a']).values).toEqual({ out: 'out', region: [], yes: false, help: false });
    expect(parseCommand(command, ['--out=y', 'a']).values.out).toBe('y');
  });

  it('collects repeated and comma-separated values of a list option', () => {
    expect(parseCommand(command, ['a', '--region', 'us-east-1, us-east-2', '--region=eu-west-1']).values.region).toEqual(['us-east-1', 'us-east-2', 'eu-west-1']);
  });

  it('asks for help without checking the arguments', () => {
    expect(parseCommand(command, ['--help']).help).toBe(true);
    expect(parseCommand(command, ['-h']).help).toBe(true);
  });

  it.each([
    [['a', '--bogus'], "unknown option '--bogus'"],
    [['a', '-x'], "unknown option '-x'"],
    [['a', '--out'], '--out needs a value'],
    [['a', '--out', '--yes'], '--out needs a value'],
    [['a', '--out='], '--out needs a value'],
    [['a', '--region', ' '], '--region needs a value'],
    [['a', '--yes=1'], '--yes takes no value'],
    [[], 'give at least one file'],
  ])('%j: %s', (args, message) => {
    expect(usage(args)).toBe(message);
  });

  it('counts positional arguments against exact and upper limits', () => {
    const one: Command = { ...command, positionals: { min: 1, max: 1, what: 'design file' } };
    const none: Command = { ...command, positionals: { min: 0, max: 0 } };
    const upTo: Command = { ...command, positionals: { min: 0, max: 2, what: 'file' } };
    expect(() => parseCommand(one, ['a', 'b'])).toThrow('give exactly one design file, got 2');
    expect(() => parseCommand(one, [])).toThrow(/^give exactly one design file$/);
    expect(() => parseCommand(none, ['x'])).toThrow("unexpected argument 'x'");
    expect(() => parseCommand(upTo, ['a', 'b', 'c'])).toThrow('give at most 2 files, got 3');
  });
});

describe('usage', () => {
  it('writes the usage line and the options from the command', () => {
    expect(usageLine(command)).toBe('sg-replica demo [--out DIR] [--region R]... [--yes] <file...>');
    const help = commandHelp(command);
    expect(help.split('\n').slice(0, 2)).toEqual(['Usage: sg-replica demo [--out DIR] [--region R]... [--yes] <file...>', '  does a demo']);
    expect(help).toMatch(/\n {2}--out DIR +where to write \(default: out\)\n/);
    expect(help).toMatch(/\n {2}-y, --yes +do not ask\n/);
    expect(help).toMatch(/\n {2}-h, --help +show this help$/);
  });
});
