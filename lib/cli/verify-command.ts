/**
 * `sg-replica verify <design.yaml>`: connects to the replica's cluster
 * through a kubeconfig and checks the running replica design decision by
 * design decision; prints a line per decision, writes the dated evidence
 * (`verification.md`) and the design report with its summary (`report.md`,
 * what synth writes there, rendered again) to `<out>/replicas/<name>/`.
 *
 * Exit codes: 0 every decision confirmed; 1 a decision deviates (or the
 * design file has errors); 2 the cluster cannot be reached, or is not this
 * replica's (with the command that fixes access), or a usage error; 3 no
 * deviation, but some decisions could not be checked.
 *
 * Options are parsed here (node:util parseArgs); the Kubernetes client loads
 * only when this command runs.
 */
import { CloudTable, sandboxOf } from '../cloud/clouds';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { assessDesign } from '../assessment/assess-design';
import { checkDesignFile } from '../checks/check-design';
import type { Design } from '../design/model';
import { formatProblem } from '../design/problems';
import { accessCommand, contextMismatch, foreignReplica } from '../verify/cluster-access';
import { collectState } from '../verify/collect-state';
import { checkReachable, ClusterAccessError, ClusterConnection, classifyFailure, connect } from '../verify/connection';
import { VERIFY_EXIT } from '../verify/decision';
import { HEALTH_ROUTES, HealthRoute, HttpGet } from '../verify/frontend-health';
import { formatDuration, parseDuration, progressPrinter, waitForSettle } from '../verify/settle';
import { printable, reportSection, terminalLines, verificationJson, verificationMarkdown } from '../verify/verification-report';
import { verifyReplica } from '../verify/verify-replica';
import type { Output } from './main';
import { designReport } from './report-command';

/** How long `--wait` waits without a duration: Terraform's wait on the release (`SOURCEGRAPH_RELEASE_TIMEOUT_SECONDS`, 20 minutes). */
export const DEFAULT_WAIT = '20m';

export const VERIFY_USAGE = `  sg-replica verify <design.yaml> [--kubeconfig F] [--context C] [--wait [DURATION]] [--json] [--out DIR]
                                                 check the running replica against its design, decision by decision

Verify options:
  --kubeconfig F    kubeconfig file (default: KUBECONFIG, else ~/.kube/config)
  --context C       kubeconfig context (default: the current context)
  --wait [DURATION] first wait for the release to settle (default ${DEFAULT_WAIT}; e.g. 90s, 15m, 1h)
  --json            print the verification as JSON (for CI); messages go to stderr
  --out DIR         writes DIR/replicas/<name>/verification.md and report.md with it (default cdktf.out, beside synth's report)
  --health-via R    auto (load balancer, else API server proxy) | load-balancer | api-server
  exit codes: 0 all confirmed, 1 a deviation, 2 cluster unreachable, 3 some decisions could not be checked`;

/** What the command uses besides its arguments; tests replace it. */
export interface VerifyDeps {
  /** Environment (KUBECONFIG, HOME). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** The load balancer GET of the health probe. @default Node http(s) */
  readonly httpGet?: HttpGet;
  /** Where `--wait` progress goes. @default process.stderr */
  readonly progress?: { isTTY?: boolean; write(text: string): unknown };
  /** Between `--wait` polls. @default 10 s */
  readonly pollIntervalMs?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

class UsageError extends Error {}

interface VerifyArgs {
  readonly file: string;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly json: boolean;
  readonly waitMs?: number;
  readonly out: string;
  readonly health: HealthRoute;
  readonly help: boolean;
}

/** `--wait` takes an optional value: give parseArgs `--wait=<value>`. */
function normalizeWait(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--wait') out.push(argv[i]);
    else if (argv[i + 1] !== undefined && parseDuration(argv[i + 1]) !== undefined) out.push(`--wait=${argv[++i]}`);
    else out.push(`--wait=${DEFAULT_WAIT}`);
  }
  return out;
}

function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: normalizeWait(argv),
      allowPositionals: true,
      strict: true,
      options: {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        json: { type: 'boolean', default: false },
        wait: { type: 'string' },
        out: { type: 'string', default: 'cdktf.out' },
        'health-via': { type: 'string', default: 'auto' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { file: '', json: false, out: '', health: 'auto', help: true };
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the design file of the replica' : `give one design file (got ${positionals.join(', ')})`);
  const health = values['health-via'] as HealthRoute;
  if (!HEALTH_ROUTES.includes(health)) throw new UsageError(`--health-via must be ${HEALTH_ROUTES.join(', ')} (got ${values['health-via']})`);
  let waitMs: number | undefined;
  if (values.wait !== undefined) {
    waitMs = parseDuration(values.wait);
    if (waitMs === undefined || waitMs === 0) throw new UsageError(`--wait takes a duration such as 90s, 15m or 1h (got ${values.wait})`);
  }
  for (const [flag, value] of [['--kubeconfig', values.kubeconfig], ['--context', values.context], ['--out', values.out]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value`);
  }
  return { file: positionals[0], kubeconfig: values.kubeconfig, context: values.context, json: values.json === true, waitMs, out: values.out!, health, help: false };
}

/** What to check per cloud when the credential plugin fails or the identity is refused. */
const ACCESS_HINTS: CloudTable<{ readonly plugin: string; identity(sandbox: string): string }> = {
  aws: {
    plugin: 'the kubeconfig runs the AWS CLI v2 (aws eks get-token): install it and sign in (aws sso login, or AWS_PROFILE)',
    identity: () => 'your AWS identity needs an access entry on the cluster: deploy as it, or add it to kubernetes.admins in the design',
  },
  gcp: {
    plugin: 'the kubeconfig runs gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin, then gcloud auth login',
    identity: (project) => `your Google identity needs a Kubernetes Engine role on project ${project} (e.g. roles/container.viewer)`,
  },
};

/** Hints for a failure to reach the cluster, most specific first, then the command that fixes access. */
function accessHints(design: Design, failure: ClusterAccessError): string[] {
  const fix = accessCommand(design);
  const hints: string[] = [];
  const cloud = ACCESS_HINTS[design.cloud.provider];
  switch (failure.kind) {
    case 'kubeconfig':
      hints.push(`write the replica's kubeconfig entry: ${fix}`);
      break;
    case 'plugin':
      hints.push(cloud.plugin);
      hints.push(`then refresh the entry: ${fix}`);
      break;
    case 'unreachable':
    case 'timeout':
      if (design.network.endpointAccess === 'private') hints.push(`the API endpoint of ${design.name} is private: run verify from inside its VPC (a bastion or VPN)`);
      else if (design.network.allowedCidrs.length) hints.push(`the API endpoint admits only ${design.network.allowedCidrs.join(', ')}: is this machine's address among them?`);
      hints.push(`is the replica deployed, and is the context right? ${fix}`);
      break;
    case 'unauthorized':
    case 'forbidden':
      hints.push(`${cloud.identity(sandboxOf(design.cloud))}; then: ${fix}`);
      break;
    case 'tls':
      hints.push(`the kubeconfig entry is stale (the cluster was re-created?): ${fix}`);
      break;
    default:
      hints.push(`check access with kubectl get nodes; the entry comes from: ${fix}`);
  }
  return hints;
}

function unreachable(design: Design, args: VerifyArgs, failure: ClusterAccessError, io: Output): number {
  const hints = accessHints(design, failure);
  io.err(printable(`sg-replica verify: cannot verify ${design.name}: ${failure.message}`));
  for (const h of hints) io.err(`  ${h}`);
  if (args.json) io.out(JSON.stringify({ design: { name: design.name, file: args.file }, exitCode: VERIFY_EXIT.unreachable, error: failure.message, kind: failure.kind, fix: accessCommand(design), hints }, null, 2));
  return VERIFY_EXIT.unreachable;
}

/** Writes `text` to `file` through a temporary file, so a reader never sees half of it. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Runs `sg-replica verify`; resolves to the exit code. */
export async function verifyCommand(argv: readonly string[], io: Output, deps: VerifyDeps = {}): Promise<number> {
  let args: VerifyArgs;
  try {
    args = parseVerifyArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`sg-replica verify: ${e.message}\n\nUsage:\n${VERIFY_USAGE}`);
    return 2; // a usage error, as for every sg-replica command
  }
  if (args.help) {
    io.out(`Usage:\n${VERIFY_USAGE}`);
    return 0;
  }
  const check = checkDesignFile(args.file);
  // With --json, stdout is the JSON document only: the design's warnings go to stderr too.
  for (const p of check.problems) (p.severity === 'error' || args.json ? io.err : io.out)(formatProblem(p));
  if (!check.design) {
    io.err(`✗ ${args.file}: fix the design's errors first: verify compares the replica with a valid design`);
    return VERIFY_EXIT.deviation;
  }
  const design = check.design;
  const assessment = check.assessment ?? assessDesign(design);
  const now = deps.now ?? (() => new Date());

  let conn: ClusterConnection;
  try {
    conn = connect({ file: args.kubeconfig, context: args.context, env: deps.env ?? process.env });
    await checkReachable(conn, design.sourcegraph.namespace);
  } catch (e) {
    return unreachable(design, args, classifyFailure(e, '(cluster)', 0), io);
  }
  const notes: string[] = [];
  const mismatch = contextMismatch(design, conn.kubeconfig.contextName);
  if (mismatch) {
    notes.push(mismatch);
    io.err(`warning: ${mismatch}`);
  }
  // Before anything else (and before --wait): is this the replica's cluster at all?
  try {
    const namespace = await conn.core.readNamespace({ name: design.sourcegraph.namespace });
    const foreign = foreignReplica(design, namespace);
    if (foreign) return unreachable(design, args, new ClusterAccessError('other', foreign), io);
  } catch {
    // Not there yet (404) or not readable: the checks report it.
  }

  try {
    if (args.waitMs !== undefined) {
      const printer = progressPrinter(deps.progress ?? process.stderr);
      const result = await waitForSettle({
        poll: () => collectState(conn, design, { health: false }),
        inputFor: (state) => ({ design, assessment, state }),
        timeoutMs: args.waitMs,
        intervalMs: deps.pollIntervalMs,
        sleep: deps.sleep,
        onProgress: printer.update,
      });
      printer.done();
      const how = result.status.settled ? 'settled' : result.status.failed ? 'failed (the Helm release is failed)' : 'did not settle';
      const line = `the release ${how} after ${formatDuration(result.elapsedMs)}${result.timedOut ? ` (--wait ${formatDuration(args.waitMs)} is up)` : ''}: ${result.status.summary}`;
      io.err(line);
      if (!result.status.settled) notes.push(line);
    }
    const state = await collectState(conn, design, { health: args.health, ...(deps.httpGet && { httpGet: deps.httpGet }) });
    const foreign = foreignReplica(design, state.namespace);
    if (foreign) return unreachable(design, args, new ClusterAccessError('other', foreign), io);

    const verification = verifyReplica({
      design,
      designFile: args.file,
      assessment,
      state,
      target: { context: conn.kubeconfig.contextName, server: conn.kubeconfig.server, kubeconfigFiles: conn.kubeconfig.files },
      checkedAt: now(),
      notes,
    });
    const dir = path.join(args.out, 'replicas', design.name);
    fs.mkdirSync(dir, { recursive: true });
    const evidence = path.join(dir, 'verification.md');
    writeAtomically(evidence, verificationMarkdown(verification));
    // The design report beside it is rendered again with the verification in it (the same report synth writes).
    const report = path.join(dir, 'report.md');
    writeAtomically(report, designReport(design, args.file, assessment, reportSection(verification, 'verification.md')).markdown);

    const wrote = `wrote ${evidence} and the design report with its summary, ${report}`;
    if (args.json) {
      io.out(JSON.stringify(verificationJson(verification), null, 2));
      io.err(wrote);
    } else {
      const lines = terminalLines(verification);
      // The verdict stays the last line.
      for (const line of [...lines.slice(0, -1), wrote, lines[lines.length - 1]]) io.out(line);
    }
    return verification.exitCode;
  } catch (e) {
    const failure = classifyFailure(e, conn.kubeconfig.server, conn.timeoutMs);
    if (failure.kind === 'other' && !(e instanceof ClusterAccessError)) {
      io.err(`sg-replica verify: ${(e as Error).message}`);
      if (process.env.SG_REPLICA_DEBUG) io.err((e as Error).stack ?? '');
      return VERIFY_EXIT.deviation;
    }
    return unreachable(design, args, failure, io);
  }
}
