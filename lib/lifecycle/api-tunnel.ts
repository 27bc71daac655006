/**
 * The CLI side of the private-endpoint tunnel: find a replica's tunnel host
 * (lib/aws/api-tunnel-host.ts) and open an AWS Systems Manager port forward
 * from 127.0.0.1:<port> to the EKS API endpoint through it:
 *
 *   aws ssm start-session --target <instance> --region <region>
 *     --document-name AWS-StartPortForwardingSessionToRemoteHost
 *     --parameters '{"host":["<endpoint host>"],"portNumber":["443"],"localPortNumber":["<port>"]}'
 *
 * which needs the AWS CLI v2 and its Session Manager plugin
 * (docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html)
 * and `ssm:StartSession` on the instance and the document. The port forward
 * is Systems Manager's documented "port forwarding to a remote host"
 * (AWS-StartPortForwardingSessionToRemoteHost, SSM Agent 3.1.1374.0+; AL2023
 * ships a newer agent).
 *
 * The SDK is loaded only when a lookup runs (see aws-clients.ts).
 */
import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from 'child_process';
import * as net from 'net';
import type { AwsClients } from './aws-clients';
import { tagMap } from './aws-clients';
import { API_TUNNEL_ENDPOINT_TAG, API_TUNNEL_HOST_TAG } from '../aws/api-tunnel-host-tags';

/** A replica's tunnel host, as found by {@link findApiTunnelHost}. */
export interface ApiTunnelTarget {
  readonly instanceId: string;
  /** Host name of the EKS API endpoint (no scheme). */
  readonly endpointHost: string;
}

/** The running tunnel host of replica `name` in `region`. Throws a message saying what to do when there is none. */
export async function findApiTunnelHost(name: string, region: string, clients: AwsClients): Promise<ApiTunnelTarget> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeInstancesCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  const found: ApiTunnelTarget[] = [];
  let NextToken: string | undefined;
  do {
    const page = await clients.ec2(region).send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: `tag:${API_TUNNEL_HOST_TAG}`, Values: [name] },
          { Name: 'instance-state-name', Values: ['running'] },
        ],
        NextToken,
      }),
    );
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        const endpointHost = tagMap(instance.Tags)[API_TUNNEL_ENDPOINT_TAG];
        if (instance.InstanceId && endpointHost) found.push({ instanceId: instance.InstanceId, endpointHost });
      }
    }
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  if (found.length === 0) {
    throw new Error(
      `No running API tunnel host of replica ${name} in ${region} (an instance tagged ${API_TUNNEL_HOST_TAG}=${name}). ` +
        `Deploy the infra stack first (npx cdktf deploy ${name}-infra); a replica with a public endpoint has none and needs no tunnel.`,
    );
  }
  if (found.length > 1) {
    throw new Error(`${found.length} running API tunnel hosts of replica ${name} in ${region} (${found.map((f) => f.instanceId).join(', ')}); expected one`);
  }
  return found[0];
}

/** Arguments of `aws` that open the port forward. Pure. */
export function apiTunnelSessionArgs(target: ApiTunnelTarget, region: string, localPort: number): string[] {
  if (!/^i-[0-9a-f]{8,17}$/.test(target.instanceId)) throw new Error(`"${target.instanceId}" is not an EC2 instance id`);
  if (!/^[a-z0-9.-]+$/i.test(target.endpointHost)) throw new Error(`"${target.endpointHost}" is not a host name`);
  return [
    'ssm',
    'start-session',
    '--region',
    region,
    '--target',
    target.instanceId,
    '--document-name',
    'AWS-StartPortForwardingSessionToRemoteHost',
    '--parameters',
    JSON.stringify({ host: [target.endpointHost], portNumber: ['443'], localPortNumber: [String(localPort)] }),
  ];
}

/** An open tunnel. */
export interface ApiTunnel {
  readonly localPort: number;
  /** The `aws ssm start-session` process. */
  readonly process: ChildProcess;
  /** Ends the session. */
  close(): Promise<void>;
}

/** Options of {@link openApiTunnel}. */
export interface OpenApiTunnelOptions {
  readonly target: ApiTunnelTarget;
  readonly region: string;
  readonly localPort: number;
  /** How long to wait for the local port to accept connections, ms. @default 60000 */
  readonly readyTimeoutMs?: number;
  /** The AWS CLI. @default 'aws' */
  readonly awsCommand?: string;
  /** Extra environment of the AWS CLI (e.g. AWS_PROFILE). @default the current process's */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * How long to keep retrying while Systems Manager answers TargetNotConnected:
   * a host launched a minute ago has not registered yet. ms.
   * @default 180000
   */
  readonly notConnectedRetryMs?: number;
  /** Pause between those retries, ms. @default 10000 */
  readonly retryPauseMs?: number;
  /** For tests. @default child_process.spawn */
  readonly spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}

const PLUGIN_HINT =
  'Install the Session Manager plugin for the AWS CLI: https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html';

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts the port forward and resolves once 127.0.0.1:`localPort` accepts
 * connections. Retries while the host has not registered with Systems
 * Manager yet (TargetNotConnected). Rejects with the AWS CLI's own message
 * (and a hint when the Session Manager plugin is missing) when it exits
 * otherwise, or after the timeout.
 */
export async function openApiTunnel(options: OpenApiTunnelOptions): Promise<ApiTunnel> {
  if (await portAccepts(options.localPort)) {
    throw new Error(`Port ${options.localPort} on 127.0.0.1 is already in use: close what listens there (an older tunnel?) and try again`);
  }
  const giveUpAt = Date.now() + (options.notConnectedRetryMs ?? 180_000);
  for (;;) {
    try {
      return await startSession(options);
    } catch (e) {
      if (!(e instanceof TargetNotConnected) || Date.now() + (options.retryPauseMs ?? 10_000) > giveUpAt) throw e;
      await new Promise((r) => setTimeout(r, options.retryPauseMs ?? 10_000));
    }
  }
}

/** The host is not (yet) registered with Systems Manager. */
class TargetNotConnected extends Error {}

async function startSession(options: OpenApiTunnelOptions): Promise<ApiTunnel> {
  const { target, region, localPort } = options;
  const args = apiTunnelSessionArgs(target, region, localPort);
  const child = (options.spawn ?? spawnProcess)(options.awsCommand ?? 'aws', args, {
    env: { ...process.env, ...(options.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  let exited: string | undefined;
  child.once('error', (e) => (exited = e.message));
  child.once('exit', (code, signal) => (exited ??= `exited with ${signal ?? code}`));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) {
      const text = output.trim();
      const hint = /SessionManagerPlugin|session-manager-plugin/i.test(text) ? ` ${PLUGIN_HINT}` : '';
      const missing = /ENOENT/.test(exited) ? ` Install the AWS CLI v2 (${options.awsCommand ?? 'aws'} was not found).` : '';
      if (/TargetNotConnected/.test(text)) {
        throw new TargetNotConnected(
          `The tunnel host ${target.instanceId} is not connected to Systems Manager (${text}). A new host registers within a few minutes; ` +
            'if it does not, check that its subnet routes to a NAT gateway.',
        );
      }
      throw new Error(`The tunnel to ${target.endpointHost} through ${target.instanceId} did not open: aws ${exited}${text ? `: ${text}` : ''}.${missing}${hint}`);
    }
    if (await portAccepts(localPort)) break;
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`The tunnel to ${target.endpointHost} through ${target.instanceId} did not open on 127.0.0.1:${localPort} within ${Math.round((options.readyTimeoutMs ?? 60_000) / 1000)} s${output.trim() ? `: ${output.trim()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    localPort,
    process: child,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `work` with the tunnel open, and closes it afterwards whatever happens. */
export async function withApiTunnel<T>(options: OpenApiTunnelOptions, work: (tunnel: ApiTunnel) => Promise<T>): Promise<T> {
  const tunnel = await openApiTunnel(options);
  try {
    return await work(tunnel);
  } finally {
    await tunnel.close();
  }
}
