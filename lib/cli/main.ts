/**
 * The `sg-replica` command line: one table of commands (`COMMANDS`), each
 * parsed with node's `util.parseArgs` (lib/cli/command.ts).
 *
 * Exit codes: 0 ok, 1 a design has errors (or the command failed), 2 usage
 * error, 3 (leftovers) resources remain. Messages never include a stack trace
 * unless SG_REPLICA_DEBUG is set. `validate` loads no cdktf or provider code:
 * each command loads what it needs only when it runs.
 */
import { CheckedDesign, checkDesignFiles } from '../checks/check-design-files';
import { Command, commandHelp, Output, parseCommand, ParsedCommand, UsageError, usageLine } from './command';
import type { LifecycleDeps } from './lifecycle-commands';
import { nextSteps } from './next-steps';
import { checkOutputDirectory, OutputDirectoryError } from './output-directory';

export type { Output };

/* eslint-disable @typescript-eslint/no-require-imports */
const lifecycle = () => require('./lifecycle-commands') as typeof import('./lifecycle-commands');
const synthesis = () => require('./synthesize') as typeof import('./synthesize');
const reporting = () => require('./report-command') as typeof import('./report-command');
const rendering = () => require('./render-command') as typeof import('./render-command');
const verifying = () => require('./verify-command') as typeof import('./verify-command');
const tunneling = () => require('./tunnel-command') as typeof import('./tunnel-command');
/* eslint-enable @typescript-eslint/no-require-imports */

/** `--render`: renders every valid design and checks the objects (loaded only then: plain validate loads no helm). */
async function renderChecked(checked: readonly CheckedDesign[], io: Output): Promise<boolean> {
  return rendering().renderDesigns(checked.filter((c) => c.design).map((c) => ({ file: c.file, design: c.design! })), io);
}

async function validate({ positionals, values }: ParsedCommand, io: Output): Promise<number> {
  const { ok: checkedOk, checked } = checkDesignFiles(positionals, io);
  const ok = checkedOk && (values.render !== true || (await renderChecked(checked, io)));
  for (const c of checked) {
    if (!c.design) {
      const n = c.problems.filter((p) => p.severity === 'error').length;
      io.err(`✗ ${c.file}: ${n} error${n === 1 ? '' : 's'}`);
      continue;
    }
    const d = c.design;
    const pools = d.kubernetes.nodePools.map((p) => `${p.name} ${p.minNodes}-${p.maxNodes}× ${p.machineType}`).join(', ');
    const overlay = d.sourcegraph.overlay ? ` (kustomize, overlay ${d.sourcegraph.overlay.path})` : '';
    io.out(`✓ ${c.file}: ${d.name} (${d.cloud.provider} ${d.cloud.region}, Kubernetes ${d.kubernetes.version}, ${pools}; Sourcegraph ${d.sourcegraph.version}${overlay} size ${d.sourcegraph.size})`);
  }
  return ok ? 0 : 1;
}

async function synth({ positionals, values }: ParsedCommand, io: Output): Promise<number> {
  const outdir = values.out as string;
  try {
    checkOutputDirectory(outdir);
  } catch (e) {
    if (!(e instanceof OutputDirectoryError)) throw e;
    io.err(`sg-replica synth: ${e.message}`);
    return 2;
  }
  const { ok: checkedOk, checked } = checkDesignFiles(positionals, io);
  const ok = checkedOk && (values.render !== true || (await renderChecked(checked, io)));
  if (!ok) {
    io.err('nothing written: fix the errors above first');
    return 1;
  }
  // Loaded only now: validate never pays for cdktf and provider bindings.
  const started = Date.now();
  const result = synthesis().synthesizeReplicas(
    checked.map((c) => ({ file: c.file, design: c.design!, assessment: c.assessment })),
    { outdir, offline: values.offline === true },
  );
  for (const line of result.summary) io.out(line);
  io.out(`wrote ${result.stackCount} stacks to ${outdir}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const replicas = checked.map((c) => ({ name: c.design!.name, provider: c.design!.cloud.provider }));
  for (const line of nextSteps({ replicas, outdir, offline: values.offline === true })) io.out(line);
  return 0;
}

async function report({ positionals, values }: ParsedCommand, io: Output): Promise<number> {
  const { ok, checked } = checkDesignFiles(positionals, io);
  const { designReport, writeReport } = reporting();
  let written = 0;
  for (const c of checked) {
    const design = c.design ?? c.unfitDesign;
    if (!design) {
      io.err(`✗ ${c.file}: no report: fix the errors above first`);
      continue;
    }
    const r = designReport(design, c.file, c.assessment);
    const file = writeReport(r, values.out as string, design.name);
    written++;
    for (const line of r.summary) io.out(`${line}`);
    io.out(`${c.design ? '✓' : '✗'} wrote ${file}${c.design ? '' : ' (the design does not fit: see the capacity errors above and the report)'}`);
  }
  return ok && written === checked.length ? 0 : 1;
}

const DESIGN_FILES = { min: 1, what: 'design file' } as const;

/** Every command, in the order the help lists them. Adding a command is adding an entry. */
export const COMMANDS: readonly Command<LifecycleDeps>[] = [
  {
    name: 'validate',
    args: '<design.yaml...>',
    summary: 'check designs: schema, rules, Helm override keys or the Kustomize overlay, capacity; exit 0 valid, 1 with every error; writes nothing',
    options: {
      render: { type: 'boolean', help: 'also render the release with the real chart and helm (Kustomize: the overlay with kubectl) and check the objects (README: --render)' },
    },
    positionals: DESIGN_FILES,
    run: validate,
  },
  {
    name: 'synth',
    args: '<design.yaml...>',
    summary: 'same checks, then the replicas\u2019 Terraform (stacks, Helm values, report) and a summary',
    options: {
      out: { type: 'string', value: 'DIR', default: 'cdktf.out', help: 'where to write; deploy it with cdktf deploy --skip-synth [--output DIR] (the command is printed)' },
      offline: { type: 'boolean', help: 'configure providers for an offline terraform plan (dummy credentials; cannot apply)' },
      render: { type: 'boolean', help: 'also render the release with the real chart and helm (Kustomize: the overlay with kubectl) and check the objects (README: --render)' },
    },
    positionals: DESIGN_FILES,
    run: synth,
  },
  {
    name: 'report',
    args: '<design.yaml...>',
    summary: 'the Markdown report of each design and a short version on the terminal',
    options: { out: { type: 'string', value: 'DIR', default: 'reports', help: 'where to write the reports' } },
    positionals: DESIGN_FILES,
    run: report,
  },
  {
    name: 'expired',
    args: '',
    summary: 'replicas whose expires-at has passed, from cloud tags (AWS) or labels (GCP), with the command that destroys each',
    options: {
      cloud: { type: 'string', value: 'aws|gcp', default: 'aws', help: 'where to look' },
      region: { type: 'string', value: 'R', multiple: true, help: 'AWS region; repeat or comma-separate (default: AWS_REGION, AWS_DEFAULT_REGION)' },
      project: { type: 'string', value: 'P', multiple: true, help: 'GCP project; repeat or comma-separate (default: CLOUDSDK_CORE_PROJECT)' },
      now: { type: 'string', value: 'ISO', help: 'compare expiry with this time instead of now (what-if)' },
      names: { type: 'boolean', help: 'print only the names, one per line (for scripts and CI)' },
    },
    positionals: { min: 0, max: 0 },
    run: (parsed, io, deps) => lifecycle().expired(parsed, io, deps),
  },
  {
    name: 'leftovers',
    args: '<design.yaml>',
    summary: 'cloud resources still tagged with a destroyed replica\u2019s name; exit 3 when something is left',
    options: {
      delete: { type: 'boolean', help: 'delete the leftovers sg-replica can delete (AWS), after a confirmation prompt' },
      yes: { type: 'boolean', short: 'y', help: 'do not prompt (required to delete without a terminal)' },
    },
    positionals: { min: 1, max: 1, what: 'design file' },
    run: (parsed, io, deps) => lifecycle().leftovers(parsed, io, deps),
  },
  {
    name: 'verify',
    args: '<design.yaml>',
    summary: 'check the running replica against its design, decision by decision; exit 0 confirmed, 1 a deviation, 2 unreachable, 3 incomplete',
    options: {
      kubeconfig: { type: 'string', value: 'F', help: 'kubeconfig file (default: KUBECONFIG, else ~/.kube/config)' },
      context: { type: 'string', value: 'C', help: 'kubeconfig context (default: the current context)' },
      wait: { type: 'string', value: '[DURATION]', help: 'first wait for the release to settle (default 20m; e.g. 90s, 15m, 1h)' },
      json: { type: 'boolean', help: 'print the verification as JSON (for CI); messages go to stderr' },
      out: { type: 'string', value: 'DIR', default: 'cdktf.out', help: 'writes DIR/replicas/<name>/verification.md and the report with it' },
      'health-via': { type: 'string', value: 'R', default: 'auto', help: 'auto (load balancer, else API server proxy) | load-balancer | api-server' },
    },
    positionals: { min: 1, max: 1, what: 'design file' },
    // --wait takes an optional duration, which util.parseArgs cannot express: verify parses its own arguments.
    parsesOwnArguments: true,
    // The Kubernetes client loads only when verify connects.
    run: (parsed, io) => verifying().verifyCommand(parsed.positionals, io),
  },
  {
    name: 'tunnel',
    args: '<design.yaml> [-- <command> [args...]]',
    summary: 'open the Systems Manager tunnel to a private EKS API (for cdktf deploy/destroy of the Sourcegraph stack, kubectl, verify); with a command, run it through the tunnel',
    options: {},
    positionals: { min: 1, what: 'design file' },
    // Everything after `--` is the command to run: tunnel splits its own arguments.
    parsesOwnArguments: true,
    // The AWS SDK loads only when the tunnel host is looked up.
    run: (parsed, io, deps) => tunneling().tunnelCommand(parsed.positionals, io, deps),
  },
];

/** The command called `name`. */
export function commandNamed(name: string): Command<LifecycleDeps> | undefined {
  return COMMANDS.find((c) => c.name === name);
}

const ENVIRONMENT = `Environment:
  SG_REPLICA_CREATED_AT   ISO time the expiry clock starts from (default: the design's last git commit, else its mtime)
  SG_REPLICA_HELM, SG_REPLICA_CHARTS   --render: the helm binary and a directory of unpacked charts
  SG_REPLICA_KUBECTL, SG_REPLICA_KUSTOMIZE_RELEASES   Kustomize designs: kubectl (with kustomize) and a directory of deploy-sourcegraph-k8s releases
  SG_REPLICA_DEBUG        print stack traces of failures`;

/** The help of the whole CLI: every command's usage line and what it does, then how to get a command's options. */
export function usage(): string {
  const lines = COMMANDS.flatMap((c) => [`  ${usageLine(c)}`, `      ${c.summary}`]);
  return ['Usage:', ...lines, '', 'sg-replica <command> --help shows a command\u2019s options.', '', ENVIRONMENT].join('\n');
}

/** Parses `args` for `command` and runs it: usage errors (the parser's or the command's `UsageError`) exit 2 with the command's usage, failures exit 1 without a stack trace. */
export async function runCommand(command: Command<LifecycleDeps>, args: readonly string[], io: Output, deps?: LifecycleDeps): Promise<number> {
  try {
    if (command.parsesOwnArguments) return await command.run({ values: {}, positionals: args }, io, deps);
    const parsed = parseCommand(command, args);
    if (parsed.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(parsed, io, deps);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sg-replica ${command.name}: ${e.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    io.err(`sg-replica ${command.name}: ${(e as Error).message}`);
    if (process.env.SG_REPLICA_DEBUG) io.err((e as Error).stack ?? '');
    return 1;
  }
}

const consoleOutput: Output = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: Output = consoleOutput): Promise<number> {
  const [name, ...args] = argv;
  if (name === '-h' || name === '--help') {
    io.out(usage());
    return 0;
  }
  if (name === undefined || name.startsWith('-')) {
    io.err(`${name === undefined ? 'sg-replica: give a command' : `sg-replica: give a command before the options (got '${name}')`}\n\n${usage()}`);
    return 2;
  }
  const command = commandNamed(name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return runCommand(command, args, io);
}
