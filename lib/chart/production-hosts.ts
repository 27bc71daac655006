/**
 * Environment variables in the customer's Helm values that point the replica
 * at hosts outside its cluster: `frontend.env.PGHOST: prod-db.internal`, a
 * `REDIS_ENDPOINT`, a `CODEINTEL_PGDATASOURCE` URL. Containers take these
 * over the connection the chart wires (Kubernetes uses the last of two env
 * entries with one name), so a replica would read and write production's
 * data. The chart's own connection keys (`pgsql.auth.host`,
 * `redisCache.connection.endpoint`, ...) are checked by replica-conflicts.ts;
 * upload buckets there too. Pure.
 */
import { isValuesMap as isMap } from '../helm/merge-values';
import type { KeyProblem } from './check-value-keys';

/** Env names that carry where to connect: `PGHOST`, `REDIS_CACHE_ENDPOINT`, `CODEINSIGHTS_PGDATASOURCE`, `SRC_GIT_SERVERS`, `..._URL`. */
export const CONNECTION_ENV = /(?:HOST|HOSTS|ENDPOINT|DATASOURCE|_URL|_ADDR|_ADDRESS|_SERVERS?)$/;

/** Public cloud API endpoints: where object storage is reached, not someone's production service. */
const CLOUD_API_HOSTS = [/^s3([.-][a-z0-9-]+)*\.amazonaws\.com$/, /^storage\.googleapis\.com$/, /^sts([.-][a-z0-9-]+)*\.amazonaws\.com$/];

/**
 * The Services the sourcegraph chart creates (the `*.Service.yaml` templates
 * of charts/sourcegraph, 7.6.0 and 6.12): `gitserver-0.gitserver` or `pgsql.<namespace>`
 * is a name inside the replica's cluster.
 */
const CHART_SERVICES: ReadonlySet<string> = new Set([
  'blobstore', 'codeinsights-db', 'codeintel-db', 'gitserver', 'grafana', 'indexed-search', 'indexed-search-indexer', 'jaeger',
  'node-exporter', 'otel-collector', 'pgsql', 'precise-code-intel-worker', 'prometheus', 'redis-cache', 'redis-store', 'searcher',
  'sourcegraph-frontend', 'sourcegraph-frontend-internal', 'symbols', 'syntactic-code-intel-worker', 'syntect-server', 'worker', 'worker-executors',
]);

/** How deep `env` maps are looked for (`frontend.env`, `openTelemetry.gateway.env`). */
const MAX_DEPTH = 3;

/** The host names in a connection value: a host, `host:port`, a URL, a comma-separated list. */
export function hostsIn(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((part) => {
      const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(part);
      if (url) return url[1];
      return part.replace(/^[^@]*@/, '').replace(/[:/].*$/, '');
    })
    .map((host) => host.toLowerCase())
    .filter(Boolean);
}

/**
 * True when `host` is outside the replica's cluster: it has a dot (or is an
 * IP address) and is not a cluster service name (`*.svc`, `*.cluster.local`,
 * `<pod>.<service>`, `<service>.<namespace>`), loopback, or a public cloud
 * storage API.
 *
 * @param namespace the release's namespace
 */
export function isOutsideCluster(host: string, namespace = 'sourcegraph'): boolean {
  if (host === 'localhost' || /^127\./.test(host) || host === '[::1]') return false;
  if (!host.includes('.') && !host.includes(':')) return false;
  if (/\.svc$|\.svc\.cluster\.local$|\.cluster\.local$/.test(host)) return false;
  const labels = host.split('.');
  if (labels.length <= 3 && labels.slice(1).every((label) => label === namespace || CHART_SERVICES.has(label))) return false;
  return !CLOUD_API_HOSTS.some((pattern) => pattern.test(host));
}

/** An env entry's literal value: `NAME: {value: x}` as the chart takes it, or `NAME: x`. */
function literal(entry: unknown): string | undefined {
  const value = isMap(entry) ? entry.value : entry;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A warning for every env variable of every service in `values` whose
 * connection value names a host outside the replica's cluster, at the
 * variable, with the host.
 */
export function productionHostProblems(values: Readonly<Record<string, unknown>>, namespace = 'sourcegraph'): KeyProblem[] {
  const problems: KeyProblem[] = [];
  const visit = (node: Readonly<Record<string, unknown>>, path: readonly string[]): void => {
    for (const [key, child] of Object.entries(node)) {
      if (!isMap(child)) continue;
      if (key === 'env') {
        for (const [name, entry] of Object.entries(child)) {
          if (!CONNECTION_ENV.test(name)) continue;
          const value = literal(entry);
          const outside = value === undefined ? [] : hostsIn(value).filter((host) => isOutsideCluster(host, namespace));
          if (outside.length === 0) continue;
          problems.push({
            severity: 'warning',
            path: [...path, 'env', name],
            message:
              `points ${path.join('.')} at ${outside.join(', ')}, outside the replica's cluster (production's?): the container takes this over the connection the chart wires, ` +
              `so the replica would use that service; drop it (sg-replica wires the replica's own databases, Redis and storage) or name an in-cluster service`,
            got: JSON.stringify(value),
          });
        }
      } else if (path.length < MAX_DEPTH - 1) {
        visit(child, [...path, key]);
      }
    }
  };
  visit(values, []);
  return problems;
}
