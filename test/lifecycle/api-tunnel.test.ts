import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { defaultAwsClients } from '../../lib/lifecycle/aws-clients';
import { apiTunnelSessionArgs, findApiTunnelHost, openApiTunnel, withApiTunnel } from '../../lib/lifecycle/api-tunnel';

const FAKE_CLI = path.join(__dirname, '..', 'support', 'fake-aws-cli.js');
const target = { instanceId: 'i-0123456789abcdef0', endpointHost: 'ABC123.gr7.us-west-2.eks.amazonaws.com' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
const read = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });

describe('apiTunnelSessionArgs', () => {
  it('asks Systems Manager to forward a local port to the endpoint on 443 through the host', () => {
    expect(apiTunnelSessionArgs(target, 'us-west-2', 24111)).toEqual([
      'ssm', 'start-session', '--region', 'us-west-2', '--target', 'i-0123456789abcdef0',
      '--document-name', 'AWS-StartPortForwardingSessionToRemoteHost',
      '--parameters', '{"host":["ABC123.gr7.us-west-2.eks.amazonaws.com"],"portNumber":["443"],"localPortNumber":["24111"]}',
    ]);
  });

  it('refuses what is not an instance id or a host name', () => {
    expect(() => apiTunnelSessionArgs({ ...target, instanceId: 'x; rm -rf /' }, 'us-west-2', 1)).toThrow(/not an EC2 instance id/);
    expect(() => apiTunnelSessionArgs({ ...target, endpointHost: 'a b' }, 'us-west-2', 1)).toThrow(/not a host name/);
  });
});

describe('findApiTunnelHost', () => {
  const ec2 = mockClient(EC2Client);
  afterEach(() => ec2.reset());
  afterAll(() => ec2.restore());

  it('finds the running instance tagged for the replica, and its endpoint host', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [{ InstanceId: target.instanceId, Tags: [{ Key: 'sg-replica:api-tunnel', Value: 'globex-search' }, { Key: 'sg-replica:api-endpoint', Value: target.endpointHost }] }] }],
    });
    await expect(findApiTunnelHost('globex-search', 'us-west-2', defaultAwsClients())).resolves.toEqual(target);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters).toEqual([
      { Name: 'tag:sg-replica:api-tunnel', Values: ['globex-search'] },
      { Name: 'instance-state-name', Values: ['running'] },
    ]);
  });

  it('says to deploy the infra stack when there is none', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await expect(findApiTunnelHost('globex-search', 'us-west-2', defaultAwsClients())).rejects.toThrow(
      /No running API tunnel host of replica globex-search in us-west-2 .*npx cdktf deploy globex-search-infra/,
    );
  });
});

describe('openApiTunnel', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunnel-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fakeSpawn = (env: Record<string, string>) => (_command: string, args: string[], options: any) =>
    spawn(process.execPath, [FAKE_CLI, ...args], { ...options, env: { ...options.env, ...env } });

  it('resolves once the local port accepts connections, carries the session through it, and closes it', async () => {
    const localPort = await freePort();
    const log = path.join(dir, 'args.json');
    const answer = await withApiTunnel({ target, region: 'us-west-2', localPort, spawn: fakeSpawn({ FAKE_AWS_CLI_LOG: log }) }, async (tunnel) => {
      expect(tunnel.localPort).toBe(localPort);
      return read(localPort);
    });
    expect(answer).toBe('tunnel\n');
    expect(JSON.parse(fs.readFileSync(log, 'utf8'))).toEqual(apiTunnelSessionArgs(target, 'us-west-2', localPort));
    // Closed: the port is free again.
    await expect(read(localPort)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reports a missing Session Manager plugin with the way to install it', async () => {
    const localPort = await freePort();
    await expect(openApiTunnel({ target, region: 'us-west-2', localPort, spawn: fakeSpawn({ FAKE_AWS_CLI_MODE: 'no-plugin' }) })).rejects.toThrow(
      /did not open: aws exited with 255: SessionManagerPlugin is not found.*Install the Session Manager plugin for the AWS CLI: https:\/\/docs\.aws\.amazon\.com/s,
    );
  });

  it('waits for a new host to register with Systems Manager (TargetNotConnected), then opens', async () => {
    const localPort = await freePort();
    const counter = path.join(dir, 'not-connected');
    fs.writeFileSync(counter, '2');
    const tunnel = await openApiTunnel({ target, region: 'us-west-2', localPort, retryPauseMs: 50, spawn: fakeSpawn({ FAKE_AWS_CLI_MODE: `not-connected:${counter}` }) });
    expect(fs.readFileSync(counter, 'utf8')).toBe('0');
    expect(await read(localPort)).toBe('tunnel\n');
    await tunnel.close();
  });

  it('gives up on a host that never registers, saying what to check', async () => {
    const localPort = await freePort();
    const counter = path.join(dir, 'not-connected');
    fs.writeFileSync(counter, '1000');
    await expect(
      openApiTunnel({ target, region: 'us-west-2', localPort, notConnectedRetryMs: 300, retryPauseMs: 50, spawn: fakeSpawn({ FAKE_AWS_CLI_MODE: `not-connected:${counter}` }) }),
    ).rejects.toThrow(/is not connected to Systems Manager .*check that its subnet routes to a NAT gateway/);
  });

  it('reports a missing AWS CLI', async () => {
    const localPort = await freePort();
    await expect(openApiTunnel({ target, region: 'us-west-2', localPort, awsCommand: path.join(dir, 'no-such-aws') })).rejects.toThrow(/Install the AWS CLI v2/);
  });

  it('refuses a local port already in use', async () => {
    const busy = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const { port } = busy.address() as net.AddressInfo;
    await expect(openApiTunnel({ target, region: 'us-west-2', localPort: port, spawn: fakeSpawn({}) })).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is already in use/);
    busy.close();
  });
});
