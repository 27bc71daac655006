/**
 * `sg-replica tunnel`: finds the replica's tunnel host (EC2 mocked), opens
 * the port forward with a stand-in AWS CLI that listens on the local port,
 * runs the command after `--` through it, and closes it; refuses designs
 * that need no tunnel.
 */
import { spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { commandNamed, main, Output, runCommand, usage } from '../../lib/cli/main';
import type { TunnelDeps } from '../../lib/cli/tunnel-command';
import { apiTunnelLocalPort } from '../../lib/kubernetes/api-tunnel-credentials';
import { defaultAwsClients } from '../../lib/lifecycle/aws-clients';

const root = path.join(__dirname, '..', '..');
const globex = path.join(root, 'examples', 'designs', 'globex-search.yaml');
const FAKE_CLI = path.join(__dirname, '..', 'support', 'fake-aws-cli.js');
const endpointHost = 'ABC123.gr7.us-west-2.eks.amazonaws.com';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('sg-replica tunnel', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  const deps = async (extra: Partial<TunnelDeps> = {}): Promise<TunnelDeps> => ({
    clients: { aws: defaultAwsClients() },
    localPort: await freePort(),
    tunnel: { spawn: (_command, args, options) => spawn(process.execPath, [FAKE_CLI, ...args], options) },
    ...extra,
  });
  const hostFound = () =>
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: 'i-0123456789abcdef0', Tags: [{ Key: 'sg-replica:api-tunnel', Value: 'globex-search' }, { Key: 'sg-replica:api-endpoint', Value: endpointHost }] }] }],
    });

  it('is in the command table and the help', () => {
    expect(commandNamed('tunnel')?.parsesOwnArguments).toBe(true);
    expect(usage()).toContain('sg-replica tunnel <design.yaml> [-- <command> [args...]]');
  });

  it('runs the command after -- through the tunnel (port and server name in its environment), closes it, and exits with its code', async () => {
    hostFound();
    const d = await deps();
    const io = capture();
    // The command reads from the tunnel's local port (the stand-in answers "tunnel") and exits 7 if it got through.
    const probe = "const n=require('net');n.connect(+process.env.SG_REPLICA_TUNNEL_PORT,'127.0.0.1').on('data',(b)=>process.exit(String(b).startsWith('tunnel')&&process.env.SG_REPLICA_TUNNEL_SERVER_NAME==='" + endpointHost + "'?7:9)).on('error',()=>process.exit(8))";
    const code = await runCommand(commandNamed('tunnel')!, [globex, '--', process.execPath, '-e', probe], io, d);
    expect({ code, stderr: io.stderr.filter((l) => !l.includes('warning')) }).toEqual({ code: 7, stderr: [] });
    expect(io.stdout).toEqual(expect.arrayContaining([`tunnel open: https://127.0.0.1:${d.localPort} -> ${endpointHost}:443`]));
    // Closed afterwards: nothing listens on the port any more.
    await expect(new Promise((resolve, reject) => net.connect(d.localPort!, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('holds the tunnel open without a command, printing how to use it, until interrupted', async () => {
    hostFound();
    let interrupt = () => {};
    const d = await deps({ untilInterrupted: () => new Promise<void>((r) => (interrupt = r)) });
    const io = capture();
    const running = runCommand(commandNamed('tunnel')!, [globex], io, d);
    await new Promise<void>((resolve) => {
      const poll = () => (io.stdout.some((l) => l.startsWith('cdktf:')) ? resolve() : setTimeout(poll, 20));
      poll();
    });
    expect(io.stdout.join('\n')).toContain(`kubectl --server https://127.0.0.1:${d.localPort} --tls-server-name ${endpointHost} -n sourcegraph get pods`);
    interrupt();
    expect(await running).toBe(0);
    expect(io.stdout[io.stdout.length - 1]).toBe('tunnel closed');
  });

  it('uses the port the stacks were synthesized with by default', () => {
    expect(apiTunnelLocalPort('globex-search')).toBeGreaterThanOrEqual(20000);
  });

  it('says to deploy the infra stack first when there is no tunnel host', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const io = capture();
    expect(await runCommand(commandNamed('tunnel')!, [globex, '--', 'true'], io, await deps())).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/sg-replica tunnel: No running API tunnel host of replica globex-search in us-west-2 .*npx cdktf deploy globex-search-infra/);
  });

  it('refuses a design with a public endpoint and a GKE design (no tunnel there), and bad usage', async () => {
    const io = capture();
    expect(await main(['tunnel', path.join(root, 'examples', 'designs', 'acme-prod.yaml')], io)).toBe(2);
    expect(io.stderr).toContain('sg-replica tunnel: acme-prod has a public API endpoint: no tunnel needed');
    const gke = capture();
    expect(await main(['tunnel', path.join(root, 'examples', 'designs', 'hooli-private-gke.yaml')], gke)).toBe(2);
    expect(gke.stderr.join('\n')).toMatch(/hooli-private is a GKE replica: .*DNS-based endpoint.*--dns-endpoint/);
    const bad = capture();
    expect(await main(['tunnel', globex, '--port', '1'], bad)).toBe(2);
    expect(bad.stderr[0]).toMatch(/^sg-replica tunnel: unknown option '--port'/);
    expect(await main(['tunnel'], capture())).toBe(2);
    expect(ec2.commandCalls(DescribeInstancesCommand)).toEqual([]);
  });
});
