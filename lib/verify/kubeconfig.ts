/**
 * The kubeconfig verify connects with, chosen and merged as kubectl does:
 * `--kubeconfig F` alone when given; else every file of `KUBECONFIG`
 * (missing ones skipped), the first definition of a cluster, user or context
 * winning and the first `current-context` set; else `~/.kube/config`. The
 * context is `--context` or the current one.
 *
 * Users with an exec credential plugin are handed to `ExecCredentialPlugin`
 * (kubectl's protocol); everything else (tokens, client certificates, CA,
 * TLS server name, proxies) is the Kubernetes client's.
 * Source: kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
 * ("Merging kubeconfig files").
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { ExecClusterInfo, ExecConfig, ExecCredentialPlugin } from './exec-credential';
import { kubernetesClient } from './kubernetes-client';

/** Where to look, as the user said it. */
export interface KubeconfigOptions {
  /** `--kubeconfig`: this file only. */
  readonly file?: string;
  /** `--context`: this context instead of the current one. */
  readonly context?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The kubeconfig problem that keeps verify from connecting. */
export class KubeconfigError extends Error {}

/** A loaded kubeconfig, narrowed to one context. */
export interface LoadedKubeconfig {
  /** The client's config, set to the chosen context; exec users are authenticated by `execPlugin`. */
  readonly kubeConfig: KubeConfig;
  readonly contextName: string;
  readonly clusterName: string;
  readonly server: string;
  readonly userName: string;
  /** The files read, in order. */
  readonly files: readonly string[];
  /** The user's exec credential plugin, when it has one. */
  readonly execPlugin?: ExecCredentialPlugin;
}

/** The files kubectl would read, in order. */
export function kubeconfigFiles(options: KubeconfigOptions): { files: string[]; from: string } {
  const env = options.env ?? process.env;
  if (options.file) return { files: [options.file], from: '--kubeconfig' };
  if (env.KUBECONFIG && env.KUBECONFIG.trim() !== '') {
    return { files: env.KUBECONFIG.split(path.delimiter).filter(Boolean), from: 'KUBECONFIG' };
  }
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  return { files: [path.join(home, '.kube', 'config')], from: '~/.kube/config' };
}

function firstWins<T extends { name: string }>(lists: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const list of lists) {
    for (const item of list) {
      if (seen.has(item.name)) continue;
      seen.add(item.name);
      out.push(item);
    }
  }
  return out;
}

/**
 * The proxy for `server` from HTTPS_PROXY / https_proxy, unless NO_PROXY
 * (no_proxy) exempts its host, as kubectl (Go's ProxyFromEnvironment) does;
 * NO_PROXY entries: `*`, host names (a leading dot or not: the domain and its
 * subdomains), IP addresses, with an optional `:port`. CIDR entries are not
 * interpreted.
 */
export function proxyFromEnvironment(server: string, env: NodeJS.ProcessEnv): string | undefined {
  const proxy = env.HTTPS_PROXY || env.https_proxy;
  if (!proxy) return undefined;
  let host: string;
  try {
    host = new URL(server).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
  const exempt = (env.NO_PROXY || env.no_proxy || '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const name = entry.replace(/:\d+$/, '').replace(/^\*?\./, '');
      return host === name || host.endsWith(`.${name}`);
    });
  return exempt ? undefined : proxy;
}

function clusterInfo(cluster: Cluster): ExecClusterInfo {
  let ca = cluster.caData;
  if (!ca && cluster.caFile) {
    try {
      ca = fs.readFileSync(cluster.caFile).toString('base64');
    } catch {
      ca = undefined;
    }
  }
  return {
    server: cluster.server,
    ...(cluster.tlsServerName && { 'tls-server-name': cluster.tlsServerName }),
    ...(cluster.skipTLSVerify && { 'insecure-skip-tls-verify': true }),
    ...(ca && { 'certificate-authority-data': ca }),
    ...(cluster.proxyUrl && { 'proxy-url': cluster.proxyUrl }),
  };
}

/**
 * Loads the kubeconfig and picks the context.
 *
 * @throws KubeconfigError naming the files read and what is missing (no file,
 *   unreadable YAML, unknown context, a context without its cluster or user).
 */
export function loadKubeconfig(options: KubeconfigOptions): LoadedKubeconfig {
  const k8s = kubernetesClient();
  const { files, from } = kubeconfigFiles(options);
  const present = files.filter((f) => fs.existsSync(f));
  if (options.file && present.length === 0) throw new KubeconfigError(`kubeconfig ${options.file} does not exist`);
  if (present.length === 0) throw new KubeconfigError(`no kubeconfig: ${from === 'KUBECONFIG' ? `none of the KUBECONFIG files exists (${files.join(', ')})` : `${files[0]} does not exist and KUBECONFIG is not set`}`);
  const loaded = present.map((file) => {
    const kc = new k8s.KubeConfig();
    try {
      kc.loadFromFile(file);
    } catch (e) {
      throw new KubeconfigError(`kubeconfig ${file} cannot be read: ${(e as Error).message}`);
    }
    return { file, kc };
  });
  const userDir = new Map<string, string>();
  for (const { file, kc } of loaded) for (const u of kc.getUsers()) if (!userDir.has(u.name)) userDir.set(u.name, path.dirname(path.resolve(file)));
  const clusters = firstWins<Cluster>(loaded.map((l) => l.kc.getClusters()));
  const contexts = firstWins<Context>(loaded.map((l) => l.kc.getContexts()));
  const users = firstWins<User>(loaded.map((l) => l.kc.getUsers()));
  const current = loaded.map((l) => l.kc.getCurrentContext()).find((c) => !!c);
  const contextName = options.context ?? current;
  const where = present.join(', ');
  if (!contextName) throw new KubeconfigError(`kubeconfig ${where} has no current context; pass --context (contexts: ${contexts.map((c) => c.name).join(', ') || 'none'})`);
  const context = contexts.find((c) => c.name === contextName);
  if (!context) throw new KubeconfigError(`context ${contextName} is not in kubeconfig ${where} (contexts: ${contexts.map((c) => c.name).join(', ') || 'none'})`);
  const defined = clusters.find((c) => c.name === context.cluster);
  if (!defined) throw new KubeconfigError(`context ${contextName} names cluster ${context.cluster}, which kubeconfig ${where} does not define`);
  // A proxy from the environment when the kubeconfig names none, as kubectl does.
  const envProxy = defined.proxyUrl ? undefined : proxyFromEnvironment(defined.server, options.env ?? process.env);
  const cluster: Cluster = envProxy ? { ...defined, proxyUrl: envProxy } : defined;
  if (envProxy) clusters.splice(clusters.indexOf(defined), 1, cluster);
  const user = users.find((u) => u.name === context.user);
  if (!user) throw new KubeconfigError(`context ${contextName} names user ${context.user}, which kubeconfig ${where} does not define`);

  let execPlugin: ExecCredentialPlugin | undefined;
  let effectiveUsers = users;
  if (user.exec) {
    try {
      execPlugin = new ExecCredentialPlugin({ exec: user.exec as ExecConfig, user: user.name, configDir: userDir.get(user.name) ?? process.cwd(), cluster: clusterInfo(cluster) });
    } catch (e) {
      throw new KubeconfigError((e as Error).message);
    }
    // The client's own exec support would claim this user first: hand it a user without `exec`, authenticated by ours.
    const { exec: _exec, ...rest } = user;
    effectiveUsers = users.map((u) => (u.name === user.name ? (rest as User) : u));
  }
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromOptions({ clusters, contexts, users: effectiveUsers, currentContext: contextName });
  if (execPlugin) {
    const plugin = execPlugin;
    kubeConfig.addAuthenticator({
      isAuthProvider: (u: User) => u.name === user.name,
      applyAuthentication: async (_u: User, opts: { headers?: Record<string, unknown>; cert?: unknown; key?: unknown }) => {
        const c = await plugin.credential();
        if (c.token) opts.headers = { ...(opts.headers ?? {}), Authorization: `Bearer ${c.token}` };
        if (c.clientCertificateData && c.clientKeyData) {
          opts.cert = c.clientCertificateData;
          opts.key = c.clientKeyData;
        }
      },
    });
  }
  return { kubeConfig, contextName, clusterName: cluster.name, server: cluster.server, userName: user.name, files: present, ...(execPlugin && { execPlugin }) };
}
