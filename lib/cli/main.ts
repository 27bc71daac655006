/**
 * The `sg-replica` command line.
 *
 *   sg-replica validate <design.yaml...>   check designs; nothing written
 *   sg-replica synth <design.yaml...>      check, then write cdktf.out and print a summary
 *
 * Exit codes: 0 ok, 1 a design has errors (or synth failed), 2 usage error.
 * Messages never include a stack trace unless SG_REPLICA_DEBUG is set.
 * `validate` loads no cdktf or provider code.
 */
import { checkDesignFiles } from '../checks/check-design-files';
import { checkOutputDirectory, OutputDirectoryError } from './output-directory';

const USAGE = `Usage:
  sg-replica validate <design.yaml...>           check designs: schema, rules, Helm override keys, capacity; writes nothing
  sg-replica synth [--out DIR] <design.yaml...>   check, then synthesize the replicas' Terraform (default DIR: cdktf.out)
  sg-replica report [--out DIR] <design.yaml...>  write each design's Markdown report (default DIR: reports) and print a summary
  sg-replica expired ...                         replicas whose expires-at has passed, from cloud tags (see below)
  sg-replica leftovers <design.yaml> ...         cloud resources of a destroyed replica still around (see below)

Options:
  --out DIR     where synth or report writes (synth: cdktf.out, where cdktf deploy looks; report: reports)
  --offline     configure providers for an offline terraform plan (dummy credentials; cannot apply)
  -h, --help    show this help

Environment:
  SG_REPLICA_CREATED_AT   ISO time the expiry clock starts from (default: the design's last git commit, else its mtime)
`;

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

interface Args {
  readonly command?: string;
  readonly files: string[];
  readonly outdir: string;
  readonly offline: boolean;
  readonly help: boolean;
  readonly unknown: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const files: string[] = [];
  const unknown: string[] = [];
  let outdir: string | undefined;
  let offline = false;
  let help = false;
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') help = true;
    else if (a === '--offline') offline = true;
    else if (a === '--out') outdir = argv[++i] ?? '';
    else if (a.startsWith('--out=')) outdir = a.slice('--out='.length);
    else if (a.startsWith('-')) unknown.push(a);
    else if (command === undefined) command = a;
    else files.push(a);
  }
  return { command, files, outdir: outdir ?? (command === 'report' ? 'reports' : 'cdktf.out'), offline, help, unknown };
}

async function validate(args: Args, io: Output): Promise<number> {
  const { ok, checked } = checkDesignFiles(args.files, io);
  for (const c of checked) {
    if (!c.design) {
      const n = c.problems.filter((p) => p.severity === 'error').length;
      io.err(`✗ ${c.file}: ${n} error${n === 1 ? '' : 's'}`);
      continue;
    }
    const d = c.design;
    const pools = d.kubernetes.nodePools.map((p) => `${p.name} ${p.minNodes}-${p.maxNodes}× ${p.machineType}`).join(', ');
    io.out(`✓ ${c.file}: ${d.name} (${d.cloud.provider} ${d.cloud.region}, Kubernetes ${d.kubernetes.version}, ${pools}; Sourcegraph ${d.sourcegraph.version} size ${d.sourcegraph.size})`);
  }
  return ok ? 0 : 1;
}

async function synth(args: Args, io: Output): Promise<number> {
  try {
    checkOutputDirectory(args.outdir);
  } catch (e) {
    if (!(e instanceof OutputDirectoryError)) throw e;
    io.err(`sg-replica synth: ${e.message}`);
    return 2;
  }
  const { ok, checked } = checkDesignFiles(args.files, io);
  if (!ok) {
    io.err('nothing written: fix the errors above first');
    return 1;
  }
  // Loaded only now: validate never pays for cdktf and provider bindings.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeReplicas } = require('./synthesize') as typeof import('./synthesize');
  const started = Date.now();
  const result = synthesizeReplicas(
    checked.map((c) => ({ file: c.file, design: c.design!, assessment: c.assessment })),
    { outdir: args.outdir, offline: args.offline },
  );
  for (const line of result.summary) io.out(line);
  io.out(`wrote ${result.stackCount} stacks to ${args.outdir}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const names = checked.map((c) => c.design!.name);
  io.out(`next: ${names.map((n) => `cdktf deploy '${n}-*'`).join('; ')}  (destroy: cdktf destroy '<name>-*')`);
  return 0;
}

function lifecycleUsage(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./lifecycle-commands') as typeof import('./lifecycle-commands')).LIFECYCLE_USAGE.trimEnd();
}

async function report(args: Args, io: Output): Promise<number> {
  const { ok, checked } = checkDesignFiles(args.files, io);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { designReport, writeReport } = require('./report-command') as typeof import('./report-command');
  let written = 0;
  for (const c of checked) {
    const design = c.design ?? c.unfitDesign;
    if (!design) {
      io.err(`✗ ${c.file}: no report: fix the errors above first`);
      continue;
    }
    const r = designReport(design, c.file, c.assessment);
    const file = writeReport(r, args.outdir, design.name);
    written++;
    for (const line of r.summary) io.out(`${line}`);
    io.out(`${c.design ? '✓' : '✗'} wrote ${file}${c.design ? '' : ' (the design does not fit: see the capacity errors above and the report)'}`);
  }
  return ok && written === checked.length ? 0 : 1;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: Output = consoleOutput): Promise<number> {
  // The cloud-side commands have flags of their own; their SDKs load only when a client is made.
  if (argv[0] === 'expired' || argv[0] === 'leftovers') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lifecycle = require('./lifecycle-commands') as typeof import('./lifecycle-commands');
    return argv[0] === 'expired' ? lifecycle.expiredCommand(argv.slice(1), io) : lifecycle.leftoversCommand(argv.slice(1), io);
  }
  const args = parseArgs(argv);
  if (args.help || !args.command) {
    (args.help ? io.out : io.err)(`${USAGE.trimEnd()}\n\n${lifecycleUsage()}`);
    return args.help ? 0 : 2;
  }
  if (args.unknown.length) {
    io.err(`unknown option${args.unknown.length > 1 ? 's' : ''}: ${args.unknown.join(' ')}\n\n${USAGE.trimEnd()}`);
    return 2;
  }
  const commands: Record<string, (a: Args, o: Output) => Promise<number>> = { validate, synth, report };
  const run = commands[args.command];
  if (!run) {
    io.err(`unknown command "${args.command}"\n\n${USAGE.trimEnd()}`);
    return 2;
  }
  if (args.files.length === 0) {
    io.err(`sg-replica ${args.command}: give at least one design file\n\n${USAGE.trimEnd()}`);
    return 2;
  }
  if (!args.outdir) {
    io.err('--out needs a directory');
    return 2;
  }
  try {
    return await run(args, io);
  } catch (e) {
    io.err(`sg-replica ${args.command}: ${(e as Error).message}`);
    if (process.env.SG_REPLICA_DEBUG) io.err((e as Error).stack ?? '');
    return 1;
  }
}
