/**
 * Starts test/support/fake-kubernetes-server.js (a TLS Kubernetes API that
 * lists PersistentVolumes) on 127.0.0.1 as a child process, with a
 * throwaway certificate for `serverName` made by openssl.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A PersistentVolume as the fake lists it. */
export interface FakeVolume {
  readonly name: string;
  readonly storageClassName: string;
  readonly volumeHandle?: string;
  readonly phase?: string;
  readonly claim?: string;
}

export interface FakeKubernetesApi {
  /** `https://127.0.0.1:<port>`: not the certificate's name, so clients must set the TLS server name. */
  readonly host: string;
  /** The name in the certificate. */
  readonly serverName: string;
  /** Base64 PEM of the certificate (its own CA). */
  readonly caBase64: string;
  readonly token: string;
  /** Replaces the volumes; the list empties after `drainAfter` answered lists (-1: never). */
  setVolumes(volumes: readonly FakeVolume[], drainAfter: number): void;
  requests(): { path: string; authorization?: string; servername?: string }[];
  stop(): Promise<void>;
}

function pv(v: FakeVolume): unknown {
  const [namespace, claimName] = (v.claim ?? 'sourcegraph/data').split('/');
  return {
    metadata: { name: v.name },
    spec: {
      storageClassName: v.storageClassName,
      ...(v.volumeHandle && { csi: { driver: 'ebs.csi.aws.com', volumeHandle: v.volumeHandle } }),
      claimRef: { namespace, name: claimName },
      persistentVolumeReclaimPolicy: 'Delete',
    },
    status: { phase: v.phase ?? 'Released' },
  };
}

export async function startFakeKubernetesApi(serverName = 'kubernetes.replica.test'): Promise<FakeKubernetesApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-k8s-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${serverName}`, '-addext', `subjectAltName=DNS:${serverName}`], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`openssl is needed to make a throwaway certificate for the fake Kubernetes API: ${(e as Error).message}`);
  }
  const state = path.join(dir, 'state.json');
  const log = path.join(dir, 'requests.jsonl');
  fs.writeFileSync(state, JSON.stringify({ volumes: [], drainAfter: -1 }));
  fs.writeFileSync(log, '');
  const token = 'fake-token-0123';
  const child = spawn(process.execPath, [path.join(__dirname, 'fake-kubernetes-server.js')], {
    env: { ...process.env, FAKE_K8S_CERT: cert, FAKE_K8S_KEY: key, FAKE_K8S_TOKEN: token, FAKE_K8S_STATE: state, FAKE_K8S_LOG: log },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const m = /^(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`fake Kubernetes API exited (${code}) before listening`)));
  });
  return {
    host: `https://127.0.0.1:${port}`,
    serverName,
    caBase64: fs.readFileSync(cert).toString('base64'),
    token,
    setVolumes: (volumes, drainAfter) => fs.writeFileSync(state, JSON.stringify({ volumes: volumes.map(pv), drainAfter })),
    requests: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The credential plugin of the tests: prints an ExecCredential with the token
 * in the environment variable FAKE_EXEC_TOKEN, as `aws eks get-token` prints
 * one from the caller's AWS credentials (nothing secret in its arguments).
 */
export function fakeExecCredential(): { command: string; args: string[] } {
  return { command: process.execPath, args: [path.join(__dirname, 'fake-exec-credential.js')] };
}
