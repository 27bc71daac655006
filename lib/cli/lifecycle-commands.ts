/**
 * `sg-replica expired` and `sg-replica leftovers`: the cloud-side half of a
 * replica's lifecycle. Their arguments and options are in the command table
 * (lib/cli/main.ts); `expiredCommand` and `leftoversCommand` run them from an
 * argument list, with replaceable clients.
 *
 * Exit codes: 0 ok (nothing left), 1 error (cloud call failed, invalid
 * design, a deletion failed or was refused), 2 usage error, 3 (leftovers)
 * resources remain. The AWS SDK is loaded only when a command calls AWS.
 */
import { checkDesignFile } from '../checks/check-design';
import { formatProblem } from '../design/problems';
import { CLOUD_PROVIDERS, CLOUDS, isCloudProvider } from '../cloud/clouds';
import { CLOUD_LIFECYCLE } from '../lifecycle/cloud-lifecycle';
import { destroyCommand, expiredAmong, LifecycleClients, listReplicas, ReplicaSearchScope, scopeLocations } from '../lifecycle/expired';
import { formatAge, formatIsoMinute } from '../lifecycle/expires-at';
import { DeleteOptions, DeleteResult, deleteLeftovers, findLeftovers, isDeletable, Leftover } from '../lifecycle/leftovers';
import { Output, ParsedCommand, UsageError } from './command';
import { commandNamed, runCommand } from './main';

/** What the commands use besides their arguments; tests replace all of it. */
export interface LifecycleDeps {
  /** Cloud clients. @default the real AWS SDK clients and GCP access (fetch + gcloud token) */
  readonly clients?: LifecycleClients;
  /** Asks a yes/no question. @default a terminal prompt on stdin when stdin and stdout are terminals, else none */
  readonly prompt?: (question: string) => Promise<boolean>;
  /** The current time. @default new Date() */
  readonly now?: Date;
  /** Environment for the region/project defaults. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Retry pacing of deletions (tests pass a `sleep` that returns at once). @default 12 tries, 10 s apart */
  readonly deleteOptions?: Omit<DeleteOptions, 'onResult'>;
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function failure(command: string, e: unknown, io: Output): number {
  const error = e as Error;
  let message = error.message;
  if (error.name === 'CredentialsProviderError' || /credential/i.test(message)) {
    message += ' (AWS credentials: set AWS_PROFILE, or run aws sso login)';
  }
  io.err(`sg-replica ${command}: ${message}`);
  if (process.env.SG_REPLICA_DEBUG) io.err(error.stack ?? '');
  return 1;
}

interface ExpiredArgs {
  readonly scope: ReplicaSearchScope;
  readonly now: Date;
  /** Print only the expired replicas' names, one per line (for scripts and CI). */
  readonly namesOnly: boolean;
}

/** The search scope and time of `sg-replica expired`, from its options. @throws UsageError */
function expiredArgs({ values }: ParsedCommand, deps: LifecycleDeps): ExpiredArgs {
  const cloud = values.cloud as string;
  const regions = values.region as readonly string[];
  const projects = values.project as readonly string[];
  let now = deps.now ?? new Date();
  if (values.now !== undefined) {
    const text = values.now as string;
    const parsed = new Date(text);
    if (Number.isNaN(parsed.getTime())) throw new UsageError(`--now needs an ISO time such as 2026-11-30T12:00Z, got '${text}'`);
    now = parsed;
  }
  const namesOnly = values.names === true;
  const env = deps.env ?? process.env;
  if (!isCloudProvider(cloud)) throw new UsageError(`--cloud must be ${CLOUD_PROVIDERS.join(' or ')}, got '${cloud}'`);
  const search = CLOUD_LIFECYCLE[cloud].search;
  const given: Readonly<Record<string, readonly string[]>> = { '--region': regions, '--project': projects };
  for (const other of CLOUD_PROVIDERS) {
    const flag = CLOUD_LIFECYCLE[other].search.flag;
    if (flag !== search.flag && given[flag].length) throw new UsageError(`${flag} is for --cloud ${other}; ${CLOUDS[cloud].label} is searched by ${search.flag}`);
  }
  const own = given[search.flag];
  const fallback = search.env.map((name) => env[name]).find(Boolean);
  if (own.length === 0 && !fallback) throw new UsageError(`give ${search.flag} (or set ${search.env[0]})`);
  return { scope: search.scope([...new Set(own.length ? own : [fallback!])]), now, namesOnly };
}

/**
 * `sg-replica expired`: lists the replicas whose `expires-at` has passed,
 * from the cloud's tags (AWS) or labels (GCP), and the command that
 * destroys each. Exit 0 when the search worked, expired replicas or not.
 */
export function expiredCommand(args: readonly string[], io: Output, deps: LifecycleDeps = {}): Promise<number> {
  return runCommand(commandNamed('expired')!, args, io, deps);
}

/** Runs `sg-replica expired` on parsed arguments (the command table's entry). */
export async function expired(parsedCommand: ParsedCommand, io: Output, deps: LifecycleDeps = {}): Promise<number> {
  const parsed = expiredArgs(parsedCommand, deps);
  const { scope, now, namesOnly } = parsed;
  const where = `${scope.cloud} ${scopeLocations(scope).join(', ')}`;
  try {
    const all = await listReplicas(scope, deps.clients);
    const expired = expiredAmong(all, now);
    if (namesOnly) {
      for (const r of expired) io.out(r.name);
      return 0;
    }
    for (const r of all.filter((x) => x.unreadableExpiry.length > 0)) {
      io.err(`warning: ${r.name}: cannot read expires-at ${r.unreadableExpiry.map((v) => `'${v}'`).join(', ')} (${r.resourceCount} resources in ${r.locations.join(', ')})`);
    }
    if (expired.length === 0) {
      io.out(`no expired replicas in ${where} at ${formatIsoMinute(now)} (${all.length} replica${all.length === 1 ? '' : 's'} found)`);
      return 0;
    }
    io.out(`${expired.length} expired replica${expired.length === 1 ? '' : 's'} in ${where} at ${formatIsoMinute(now)}:`);
    for (const line of table(
      ['NAME', 'OWNER', 'CUSTOMER', 'EXPIRED AT', 'AGO', 'WHERE', 'RESOURCES'],
      expired.map((r) => [r.name, r.owner ?? '?', r.customer ?? '?', formatIsoMinute(r.expiresAt), formatAge(r.expiresAt, now), r.locations.join(','), String(r.resourceCount)]),
    )) {
      io.out(`  ${line}`);
    }
    io.out('');
    io.out('Destroy each from a checkout with its design (REPLICA_DESIGN=<its design.yaml>):');
    for (const r of expired) io.out(`  ${r.destroyCommand}`);
    return 0;
  } catch (e) {
    return failure('expired', e, io);
  }
}

interface LeftoversArgs {
  readonly file: string;
  readonly delete: boolean;
  readonly yes: boolean;
}

/** @throws UsageError */
function leftoversArgs({ values, positionals }: ParsedCommand): LeftoversArgs {
  if (values.yes === true && values.delete !== true) throw new UsageError('--yes only makes sense with --delete');
  return { file: positionals[0], delete: values.delete === true, yes: values.yes === true };
}

function terminalPrompt(): ((question: string) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  return async (question) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const readline = require('readline') as typeof import('readline');
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

function describeResult(r: DeleteResult): string {
  const what = `${r.leftover.kind} ${r.leftover.id}`;
  if (r.outcome === 'deleted') return `deleted ${what}`;
  if (r.outcome === 'gone') return `already gone: ${what}`;
  if (r.outcome === 'failed') return `FAILED to delete ${what}: ${r.message}`;
  return `kept ${what}: ${r.message}`;
}

/** Leftovers that still need someone to act (KMS keys pending deletion do not). */
function actionable(leftovers: readonly Leftover[]): Leftover[] {
  return leftovers.filter((l) => !l.pendingDeletion);
}

/**
 * `sg-replica leftovers <design>`: lists the cloud resources still tied to
 * the design's replica (by tag or label) with the command that deletes each;
 * with `--delete`, deletes the AWS ones after a confirmation (`--yes` skips
 * it; without a terminal and without `--yes` it refuses). Refuses to delete
 * while the replica's cluster still exists.
 */
export function leftoversCommand(args: readonly string[], io: Output, deps: LifecycleDeps = {}): Promise<number> {
  return runCommand(commandNamed('leftovers')!, args, io, deps);
}

/** Runs `sg-replica leftovers` on parsed arguments (the command table's entry). */
export async function leftovers(parsedCommand: ParsedCommand, io: Output, deps: LifecycleDeps = {}): Promise<number> {
  const parsed = leftoversArgs(parsedCommand);
  const check = checkDesignFile(parsed.file);
  for (const p of check.problems) if (p.severity === 'error') io.err(formatProblem(p));
  if (!check.design) {
    io.err(`sg-replica leftovers: ${parsed.file} has errors; fix them first`);
    return 1;
  }
  const design = check.design;
  try {
    const report = await findLeftovers(design, deps.clients);
    const where = `${report.cloud} ${report.scope}`;
    if (report.stillDeployed.length > 0) {
      io.err(`${design.name} is still deployed (${report.stillDeployed.join(', ')}): run ${destroyCommand(design.name)} first`);
    }
    if (report.leftovers.length === 0) {
      io.out(`no leftovers of ${design.name} in ${where}`);
      return report.stillDeployed.length > 0 ? 3 : 0;
    }
    io.out(`${report.leftovers.length} resource${report.leftovers.length === 1 ? '' : 's'} of ${design.name} left in ${where}:`);
    for (const line of table(
      ['KIND', 'NAME', 'ID', 'LOCATION', 'STATE', 'MATCHED BY', 'ACTION'],
      report.leftovers.map((l) => [l.kind, l.name, l.id, l.location, l.state ?? '-', l.matchedBy, l.keepReason ? `keep: ${l.keepReason}` : 'delete']),
    )) {
      io.out(`  ${line}`);
    }
    const manual = report.leftovers.filter((l) => l.deleteCommand);
    if (manual.length > 0) {
      io.out('');
      io.out('Commands (in a safe order):');
      for (const l of manual) io.out(`  ${l.deleteCommand}`);
    }
    const deletable = report.leftovers.filter((l) => !l.keepReason && isDeletable(l));
    if (!parsed.delete) {
      if (deletable.length > 0) io.out(`\nsg-replica leftovers ${parsed.file} --delete deletes the ${deletable.length} marked "delete" (after asking)`);
      return actionable(report.leftovers).length > 0 ? 3 : 0;
    }

    if (report.stillDeployed.length > 0) {
      io.err('refusing to delete: the replica is still deployed');
      return 1;
    }
    const byHand = CLOUD_LIFECYCLE[report.cloud].deleteByHand;
    if (byHand !== undefined) {
      io.err(`sg-replica does not delete ${CLOUDS[report.cloud].label} resources: run ${byHand}`);
      return 1;
    }
    if (deletable.length === 0) {
      io.out('nothing sg-replica can delete; see the reasons above');
      return actionable(report.leftovers).length > 0 ? 3 : 0;
    }
    const prompt = deps.prompt ?? terminalPrompt();
    if (!parsed.yes && !prompt) {
      io.err('refusing to delete without confirmation: no terminal to ask on; pass --yes');
      return 1;
    }
    let confirmed = true;
    const results = await deleteLeftovers(
      report.leftovers,
      deps.clients ?? {},
      async (toDelete) => {
        if (parsed.yes) return true;
        confirmed = await prompt!(`Delete these ${toDelete.length} resources of ${design.name} in ${where}?`);
        return confirmed;
      },
      { ...deps.deleteOptions, onResult: (r) => (r.outcome === 'failed' ? io.err : io.out)(describeResult(r)) },
    );
    if (!confirmed) {
      io.out('nothing deleted');
      return 3;
    }
    const count = (o: DeleteResult['outcome']) => results.filter((r) => r.outcome === o).length;
    io.out(`deleted ${count('deleted')}, already gone ${count('gone')}, failed ${count('failed')}, kept ${count('kept')}`);
    if (count('failed') > 0) return 1;
    const remaining = results.filter((r) => r.outcome === 'kept' && !r.leftover.pendingDeletion);
    return remaining.length > 0 ? 3 : 0;
  } catch (e) {
    return failure('leftovers', e, io);
  }
}
