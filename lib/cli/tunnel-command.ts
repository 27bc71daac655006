/**
 * `sg-replica tunnel <design.yaml> [-- command args...]`: opens the Systems
 * Manager port forward from 127.0.0.1 to a replica's private EKS API
 * endpoint (lib/lifecycle/api-tunnel.ts), on the port its Sourcegraph stack's
 * providers were synthesized with (`apiTunnelLocalPort`), so that
 * `cdktf deploy/destroy <name>-sourcegraph`, kubectl and `sg-replica verify`
 * reach the cluster from a laptop or a CI runner with no VPN.
 *
 * With a command after `--`, runs it with the tunnel open, closes the
 * tunnel and exits with the command's code. Without one, keeps the tunnel
 * open until Ctrl-C (or the session ends) and prints how to use it.
 *
 * Exit codes: the command's; 0 when the tunnel was closed by Ctrl-C; 1 the
 * design is invalid or the tunnel did not open; 2 usage (no design, a public
 * endpoint, a GKE design). The AWS SDK loads only when the host is looked up.
 */
import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'child_process';
import { checkDesignFiles } from '../checks/check-design-files';
import { isAwsDesign, type Design } from '../design/model';
import { apiTunnelLocalPort } from '../kubernetes/api-tunnel-credentials';
import { defaultAwsClients } from '../lifecycle/aws-clients';
import { findApiTunnelHost, openApiTunnel, type OpenApiTunnelOptions } from '../lifecycle/api-tunnel';
import type { Output } from './command';
import type { LifecycleDeps } from './lifecycle-commands';

/** What `sg-replica tunnel` uses besides its arguments; tests replace it. */
export interface TunnelDeps extends LifecycleDeps {
  /** How the AWS CLI session is started (a fake in tests). @default the real `aws` */
  readonly tunnel?: Pick<OpenApiTunnelOptions, 'spawn' | 'awsCommand' | 'readyTimeoutMs' | 'notConnectedRetryMs' | 'retryPauseMs'>;
  /** The local port. @default apiTunnelLocalPort(name): what the stacks were synthesized with */
  readonly localPort?: number;
  /** Starts the command given after `--`. @default child_process.spawn with the terminal attached */
  readonly spawnCommand?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  /** Resolves when the user asks to close a tunnel held open (no command). @default the first SIGINT or SIGTERM */
  readonly untilInterrupted?: () => Promise<void>;
}

/** The usage of the command, for its own errors and `--help`. */
export const TUNNEL_USAGE = 'sg-replica tunnel <design.yaml> [-- <command> [args...]]';

const HELP = `Usage: ${TUNNEL_USAGE}

Opens an AWS Systems Manager port forward from 127.0.0.1:<port> to the private
EKS API endpoint of the design's replica, through its tunnel host (the infra
stack adds one with network.endpointAccess: private). <port> is derived from
the replica's name: the Sourcegraph stack's providers use it.

  -- <command> [args...]   run the command with the tunnel open, then close it
                           (e.g. -- npx cdktf deploy <name>-sourcegraph);
                           without one, the tunnel stays open until Ctrl-C

Needs the AWS CLI v2 with the Session Manager plugin, AWS credentials
(AWS_PROFILE, aws sso login) and ssm:StartSession on the tunnel host.`;

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** Splits `args` at the first `--`: the command's own arguments, and the command to run (may be empty). */
function splitAtDashes(args: readonly string[]): { own: string[]; command: string[] } {
  const at = args.indexOf('--');
  return at < 0 ? { own: [...args], command: [] } : { own: args.slice(0, at), command: args.slice(at + 1) };
}

/** Why a design needs no tunnel (or cannot have one), or undefined when it has one. */
function noTunnelReason(design: Design): string | undefined {
  if (!isAwsDesign(design)) {
    return `${design.name} is a GKE replica: its private API is reached through the cluster's DNS-based endpoint, no tunnel (kubectl: gcloud container clusters get-credentials ${design.name} --region ${design.cloud.region} --dns-endpoint)`;
  }
  if (design.network.endpointAccess === 'public') return `${design.name} has a public API endpoint: no tunnel needed`;
  return undefined;
}

/** Runs `sg-replica tunnel` with its arguments (everything after `tunnel`); resolves to the exit code. */
export async function tunnelCommand(args: readonly string[], io: Output, deps: TunnelDeps = {}): Promise<number> {
  const { own, command } = splitAtDashes(args);
  if (own.includes('--help') || own.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const unknown = own.find((a) => a.startsWith('-'));
  if (unknown !== undefined || own.length !== 1) {
    io.err(`sg-replica tunnel: ${unknown !== undefined ? `unknown option '${unknown}'` : own.length === 0 ? 'give one design file' : `give one design file, got ${own.length}`}\n\nUsage: ${TUNNEL_USAGE}`);
    return 2;
  }
  const { checked } = checkDesignFiles(own, io);
  const design = checked[0].design;
  if (!design) {
    io.err(`✗ ${own[0]}: fix the errors above first`);
    return 1;
  }
  const reason = noTunnelReason(design);
  if (reason !== undefined || !isAwsDesign(design)) {
    io.err(`sg-replica tunnel: ${reason}`);
    return 2;
  }
  const region = design.cloud.region;
  const localPort = deps.localPort ?? apiTunnelLocalPort(design.name);
  try {
    const target = await findApiTunnelHost(design.name, region, deps.clients?.aws ?? defaultAwsClients());
    io.out(`opening the tunnel to ${target.endpointHost} through ${target.instanceId} (a new host takes a minute or two to register with Systems Manager)...`);
    const tunnel = await openApiTunnel({ target, region, localPort, ...deps.tunnel });
    io.out(`tunnel open: https://127.0.0.1:${localPort} -> ${target.endpointHost}:443`);
    try {
      if (command.length === 0) {
        io.out(`kubectl: aws eks update-kubeconfig --region ${region} --name ${design.name}, then`);
        io.out(`  kubectl --server https://127.0.0.1:${localPort} --tls-server-name ${target.endpointHost} -n ${design.sourcegraph.namespace} get pods`);
        io.out(`cdktf:   npx cdktf deploy ${design.name}-sourcegraph (its providers use this port) in another shell; Ctrl-C closes the tunnel`);
        const ended = new Promise<void>((resolve) => tunnel.process.once('exit', () => resolve()));
        await Promise.race([(deps.untilInterrupted ?? untilSignal)(), ended]);
        io.out('tunnel closed');
        return 0;
      }
      io.out(`running ${command.join(' ')}`);
      return await runWithTerminal(command, localPort, target.endpointHost, deps, io);
    } finally {
      await tunnel.close();
    }
  } catch (e) {
    const error = e as Error;
    io.err(`sg-replica tunnel: ${error.message}${error.name === 'CredentialsProviderError' ? ' (AWS credentials: set AWS_PROFILE, or run aws sso login)' : ''}`);
    if (process.env.SG_REPLICA_DEBUG) io.err(error.stack ?? '');
    return 1;
  }
}

/** Runs the command after `--` with the terminal attached; resolves to its exit code (1 when it could not start or was killed). */
function runWithTerminal(command: readonly string[], localPort: number, endpointHost: string, deps: TunnelDeps, io: Output): Promise<number> {
  const [program, ...rest] = command;
  return new Promise((resolve) => {
    const child = (deps.spawnCommand ?? spawnProcess)(program, rest, {
      stdio: 'inherit',
      env: { ...process.env, SG_REPLICA_TUNNEL_PORT: String(localPort), SG_REPLICA_TUNNEL_SERVER_NAME: endpointHost },
    });
    child.once('error', (e) => {
      io.err(`sg-replica tunnel: could not run ${program}: ${e.message}`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
