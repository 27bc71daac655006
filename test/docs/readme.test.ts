/**
 * The README's commands are the CLI's: the command-line block is the usage
 * of every command, every `sg-replica ...` line of its shell blocks is a
 * known command with known options, none goes through `npx` (slow in a
 * checkout: README "Quick start"), and the Node.js version it states is the
 * one package.json and the bin enforce.
 */
import * as fs from 'fs';
import * as path from 'path';
import { commandNamed, COMMANDS } from '../../lib/cli/main';
import { parseCommand, usageLine } from '../../lib/cli/command';

const root = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The fenced blocks of a language (`sh`, `ts`, or '' for plain). */
function blocks(lang: string): string[] {
  return [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === lang).map((m) => m[2]);
}

/** `sg-replica ...` command lines of the shell blocks (and `$ sg-replica ...` in output blocks), comments and leading VAR=value assignments removed. */
function shellCommands(): string[] {
  const prompted = blocks('').flatMap((b) => b.split('\n')).filter((line) => line.startsWith('$ ')).map((line) => line.slice(2));
  return [...blocks('sh').flatMap((b) => b.split('\n')), ...prompted]
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .map((line) => line.replace(/^(\w+=\S*\s+)+/, ''))
    .filter((line) => /^sg-replica\s/.test(line));
}

describe('README', () => {
  it('shows the usage line of every command, in the table\'s order', () => {
    const section = readme.slice(readme.indexOf('## Command line'));
    const block = /```\n([\s\S]*?)```/.exec(section)![1];
    expect(block.trim().split('\n')).toEqual(COMMANDS.map((c) => usageLine(c)));
  });

  it('runs sg-replica only with known commands and options', () => {
    const lines = shellCommands();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      const [, name, ...args] = line.split(/\s+/);
      const command = commandNamed(name);
      expect([line, command?.name]).toEqual([line, name]);
      if (!command!.parsesOwnArguments) expect(() => parseCommand(command!, args)).not.toThrow();
      else for (const flag of (args.includes('--') ? args.slice(0, args.indexOf('--')) : args).filter((a) => a.startsWith('--'))) expect([line, flag.slice(2) in command!.options]).toEqual([line, true]);
    }
  });

  it('never runs sg-replica through npx in a code block (npx installs the checkout first)', () => {
    expect([...blocks('sh'), ...blocks('')].filter((b) => /npx sg-replica/.test(b))).toEqual([]);
  });

  it('deploys, destroys and diffs only what sg-replica synth wrote: every cdktf deploy/destroy/diff has --skip-synth (without it cdktf synthesizes the bundled example)', () => {
    const cdktf = blocks('sh')
      .flatMap((b) => b.split('\n'))
      .map((line) => line.replace(/\s+#.*$/, ''))
      .filter((line) => /\bcdktf (deploy|destroy|diff)\b/.test(line));
    expect(cdktf.length).toBeGreaterThanOrEqual(6);
    expect(cdktf.filter((line) => !/\bcdktf (deploy|destroy|diff) --skip-synth\b/.test(line))).toEqual([]);
  });

  it('states the Node.js versions package.json and the bin enforce', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.engines.node).toBe('>=20.19');
    const bin = fs.readFileSync(path.join(root, 'bin', 'sg-replica'), 'utf8');
    expect(bin).toMatch(/major < 20 \|\| \(major === 20 && minor < 19\)/);
    expect(readme).toMatch(/\*\*Node\.js 22 LTS is recommended; 20\.19 or later works\*\*/);
    expect(bin).toMatch(/AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'/);
  });
});
