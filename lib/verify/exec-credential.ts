/**
 * Exec credential plugins (`aws eks get-token`, `gke-gcloud-auth-plugin`,
 * any `users[].user.exec` of a kubeconfig), run the way kubectl runs them.
 *
 * The Kubernetes client's own exec support omits parts of the protocol that
 * kubectl (client-go) implements, so verify runs plugins itself:
 * - the `KUBERNETES_EXEC_INFO` environment variable (an ExecCredential with
 *   `spec.interactive`, and `spec.cluster` when `provideClusterInfo` is set);
 * - `interactiveMode` (Never, IfAvailable, Always) deciding whether the
 *   plugin gets the terminal's stdin; the plugin's stderr goes to ours;
 * - the returned `apiVersion` must be the configured one;
 * - `installHint` when the command is not found;
 * - a relative command with a path separator is resolved against the
 *   directory of the kubeconfig file that defines the user;
 * - one plugin run at a time per user, its credential reused until
 *   `expirationTimestamp` (indefinitely without one, until the server
 *   answers 401: see `invalidate`).
 * Source: kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins,
 * and client-go plugin/pkg/client/auth/exec/exec.go.
 */
import { spawn } from 'child_process';
import * as path from 'path';

/** API versions of the exec credential protocol client-go still speaks (v1alpha1 was removed in Kubernetes 1.24). */
export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

/** A kubeconfig `user.exec` entry. */
export interface ExecConfig {
  readonly apiVersion?: string;
  readonly command?: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value: string }[] | null;
  readonly installHint?: string;
  readonly provideClusterInfo?: boolean;
  readonly interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
}

/** The cluster as `KUBERNETES_EXEC_INFO` describes it (field names as in the ExecCredential JSON). */
export interface ExecClusterInfo {
  readonly server: string;
  readonly 'tls-server-name'?: string;
  readonly 'insecure-skip-tls-verify'?: boolean;
  readonly 'certificate-authority-data'?: string;
  readonly 'proxy-url'?: string;
}

/** What a plugin gave. */
export interface ExecCredentialStatus {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Epoch milliseconds; undefined when the credential does not expire. */
  readonly expiresAt?: number;
}

/** Where and how to run a plugin. */
export interface ExecCredentialOptions {
  readonly exec: ExecConfig;
  /** The kubeconfig user's name (for messages). */
  readonly user: string;
  /** Directory of the kubeconfig file defining the user (relative commands are resolved against it). */
  readonly configDir: string;
  readonly cluster?: ExecClusterInfo;
  /** Whether stdin is a terminal. @default process.stdin.isTTY */
  readonly stdinIsTerminal?: boolean;
  /** Base environment. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The clock. @default Date.now */
  readonly now?: () => number;
}

/** A plugin that did not give a credential; the message says why and what to do. */
export class ExecCredentialError extends Error {}

/** Reuse a credential until this long before it expires, as client-go's refresh margin does. */
const EXPIRY_MARGIN_MS = 10_000;

/** Runs an exec credential plugin, once at a time, and caches its credential. */
export class ExecCredentialPlugin {
  private cached?: ExecCredentialStatus;
  private pending?: Promise<ExecCredentialStatus>;
  /** How many times the plugin ran (for tests and debugging). */
  public runs = 0;

  constructor(private readonly options: ExecCredentialOptions) {
    const { exec, user } = options;
    if (!exec.command) throw new ExecCredentialError(`kubeconfig user ${user}: exec has no command`);
    if (!exec.apiVersion || !(EXEC_API_VERSIONS as readonly string[]).includes(exec.apiVersion)) {
      throw new ExecCredentialError(
        `kubeconfig user ${user}: exec apiVersion ${exec.apiVersion ?? '(unset)'} is not supported (use ${EXEC_API_VERSIONS.join(' or ')}; for EKS, run aws eks update-kubeconfig again with a current AWS CLI)`,
      );
    }
  }

  /** A valid credential: the cached one, or a fresh run of the plugin. */
  credential(): Promise<ExecCredentialStatus> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && (this.cached.expiresAt === undefined || this.cached.expiresAt - EXPIRY_MARGIN_MS > now)) return Promise.resolve(this.cached);
    if (!this.pending) {
      this.pending = this.run().then(
        (c) => {
          this.cached = c;
          this.pending = undefined;
          return c;
        },
        (e) => {
          this.pending = undefined;
          throw e;
        },
      );
    }
    return this.pending;
  }

  /** Forgets the cached credential (after the server rejected it). */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The command as it will be run (relative paths with a separator resolved against the kubeconfig's directory). */
  command(): string {
    const command = this.options.exec.command!;
    return !path.isAbsolute(command) && command.includes(path.sep) ? path.resolve(this.options.configDir, command) : command;
  }

  private interactive(): boolean {
    const { exec } = this.options;
    const mode = exec.interactiveMode ?? 'IfAvailable';
    const terminal = this.options.stdinIsTerminal ?? process.stdin.isTTY === true;
    if (mode === 'Always' && !terminal) {
      throw new ExecCredentialError(`kubeconfig user ${this.options.user}: the exec plugin ${exec.command} needs a terminal (interactiveMode: Always) and standard input is not one`);
    }
    return mode !== 'Never' && terminal;
  }

  private async run(): Promise<ExecCredentialStatus> {
    const { exec, user } = this.options;
    const interactive = this.interactive();
    const info = { apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive, ...(exec.provideClusterInfo && this.options.cluster ? { cluster: this.options.cluster } : {}) } };
    const env: NodeJS.ProcessEnv = { ...(this.options.env ?? process.env), KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    for (const e of exec.env ?? []) env[e.name] = e.value;
    const command = this.command();
    this.runs++;
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...(exec.args ?? [])], { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (d: string) => (stdout += d));
      child.on('error', (e: NodeJS.ErrnoException) => {
        const hint = exec.installHint ? `\n${exec.installHint.trim()}` : '';
        reject(new ExecCredentialError(e.code === 'ENOENT' ? `exec plugin ${command} not found (kubeconfig user ${user})${hint}` : `exec plugin ${command} could not run: ${e.message}`));
      });
      child.on('close', (code) => {
        if (code !== 0) {
          reject(new ExecCredentialError(`exec plugin ${command} failed with exit code ${code} (kubeconfig user ${user}); its messages are above`));
          return;
        }
        try {
          resolve(parseExecCredential(stdout, exec.apiVersion!, command));
        } catch (e) {
          reject(e);
        }
      });
    });
  }
}

/** Parses a plugin's stdout. @throws ExecCredentialError for anything but a usable ExecCredential of `apiVersion`. */
export function parseExecCredential(stdout: string, apiVersion: string, command: string): ExecCredentialStatus {
  let doc: { apiVersion?: string; kind?: string; status?: { token?: string; clientCertificateData?: string; clientKeyData?: string; expirationTimestamp?: string } };
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new ExecCredentialError(`exec plugin ${command} did not print an ExecCredential (not JSON)`);
  }
  if (doc?.kind !== 'ExecCredential') throw new ExecCredentialError(`exec plugin ${command} printed kind ${doc?.kind ?? '(none)'}, not ExecCredential`);
  if (doc.apiVersion !== apiVersion) throw new ExecCredentialError(`exec plugin ${command} is configured for ${apiVersion} but returned ${doc.apiVersion ?? 'no apiVersion'}`);
  const s = doc.status;
  if (!s || (!s.token && !(s.clientCertificateData && s.clientKeyData))) {
    throw new ExecCredentialError(`exec plugin ${command} returned no token and no client certificate`);
  }
  const expiresAt = s.expirationTimestamp ? Date.parse(s.expirationTimestamp) : undefined;
  if (expiresAt !== undefined && !Number.isFinite(expiresAt)) throw new ExecCredentialError(`exec plugin ${command} returned expirationTimestamp ${s.expirationTimestamp}, not a time`);
  return {
    ...(s.token && { token: s.token }),
    ...(s.clientCertificateData && { clientCertificateData: s.clientCertificateData }),
    ...(s.clientKeyData && { clientKeyData: s.clientKeyData }),
    ...(expiresAt !== undefined && { expiresAt }),
  };
}
