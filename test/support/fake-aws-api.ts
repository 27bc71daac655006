/**
 * Starts test/support/fake-aws-server.js (STS GetCallerIdentity, IAM GetRole,
 * CloudWatch Logs DescribeLogGroups on 127.0.0.1) as a child process, for
 * plan tests of stacks whose data sources call AWS at plan time. Point the
 * offline AWS provider at it with {@link FakeAwsApi.endpoints}.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** What the fake answers. */
export interface FakeAwsConfig {
  /** ARN GetCallerIdentity returns, e.g. `arn:aws:sts::123456789012:assumed-role/Admin/jane`. */
  readonly callerArn: string;
  /** IAM path per role name for GetRole. @default '/' */
  readonly rolePaths?: Readonly<Record<string, string>>;
  /** Log groups that exist. @default [] */
  readonly logGroups?: readonly string[];
  readonly region?: string;
}

/** A running fake. */
export interface FakeAwsApi {
  readonly url: string;
  /** The provider `endpoints` block for the services the fake answers. */
  readonly endpoints: { sts: string; iam: string; logs: string };
  /** What was asked so far: X-Amz-Target (JSON APIs) or the query body (STS, IAM). */
  requests(): { target: string; body: string }[];
  stop(): Promise<void>;
}

export async function startFakeAwsApi(config: FakeAwsConfig): Promise<FakeAwsApi> {
  const requestLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fake-aws-')), 'requests.jsonl');
  fs.writeFileSync(requestLog, '');
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'fake-aws-server.js')], {
    env: { ...process.env, FAKE_AWS_CONFIG: JSON.stringify({ ...config, requestLog }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.once('exit', (code) => reject(new Error(`fake AWS server exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    endpoints: { sts: url, iam: url, logs: url },
    requests: () =>
      fs
        .readFileSync(requestLog, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
