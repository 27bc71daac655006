/**
 * Sourcegraph's published per-size settings, as data sg-replica owns.
 *
 * Source: sourcegraph/deploy-sourcegraph-k8s, tag v7.2.1943,
 * components/sizes/{xs,s,m,l,xl} (Kustomize components; Apache-2.0). They set
 * container LIMITS and replica counts only (plus searcher's Rockskip env);
 * requests come from their `resources/lower-requests` component, which
 * sg-replica does not apply (see size-presets.ts).
 *
 * Written in Kustomize terms (workload / container names), mapped to Helm
 * values keys by KUSTOMIZE_TO_HELM_KEYS below, so a new tag of the sizes can
 * be compared line by line. Notes on the source:
 * - L patches searcher twice: patches/searcher.yaml (6 CPU / 12G) and, later
 *   in the list, an inline patch (4 CPU / 4G). Kustomize applies patches in
 *   order, so 4 / 4G is what L renders, and what is kept here.
 * - XS patches the three databases' first container with one file (4 / 4G).
 * - XL also replaces pgsql's postgresql.conf (shared_buffers 8GB,
 *   max_connections 500...). Not mapped: it would go to `pgsql.additionalConfig`,
 *   which the chart refuses together with a customer's `pgsql.existingConfig`.
 * - The endpoint patches (SRC_GIT_SERVERS, ...) are not needed with Helm,
 *   which discovers replicas through its Services.
 */
import type { ChartStructure } from '../../catalog/chart-versions';
import type { SourcegraphSize } from '../../design/model';

/** Limits of one container, as the Kustomize component writes them. */
export interface PresetLimits {
  readonly cpu: string;
  readonly memory: string;
  readonly 'ephemeral-storage'?: string;
}

/** What one size sets: container limits by `workload/container`, replicas by workload. */
export interface SizePreset {
  readonly limits: Readonly<Record<string, PresetLimits>>;
  readonly replicas: Readonly<Record<string, number>>;
  /** Extra env per workload (Helm's `env` map form). */
  readonly env: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Kustomize `workload/container` to the Helm values key whose `resources` it is. */
export const KUSTOMIZE_TO_HELM_KEYS: Readonly<Record<string, string>> = {
  'sourcegraph-frontend/frontend': 'frontend',
  'gitserver/gitserver': 'gitserver',
  'indexed-search/zoekt-webserver': 'indexedSearch',
  'indexed-search/zoekt-indexserver': 'indexedSearchIndexer',
  'searcher/searcher': 'searcher',
  'syntect-server/syntect-server': 'syntectServer',
  'worker/worker': 'worker',
  'precise-code-intel-worker/precise-code-intel-worker': 'preciseCodeIntel',
  'pgsql/pgsql': 'pgsql',
  'codeintel-db/pgsql': 'codeIntelDB',
  'codeinsights-db/codeinsights': 'codeInsightsDB',
  'redis-cache/redis-cache': 'redisCache',
  'redis-store/redis-store': 'redisStore',
  'blobstore/blobstore': 'blobstore',
};

/** Kustomize workload to the Helm values key of its `replicaCount` (only workloads whose count the chart lets values set). */
export const KUSTOMIZE_REPLICAS_TO_HELM_KEYS: Readonly<Record<string, string>> = {
  'sourcegraph-frontend': 'frontend',
  gitserver: 'gitserver',
  'indexed-search': 'indexedSearch',
  searcher: 'searcher',
  'syntect-server': 'syntectServer',
  worker: 'worker',
  'precise-code-intel-worker': 'preciseCodeIntel',
};

const ROCKSKIP = { searcher: { USE_ROCKSKIP: 'true', ROCKSKIP_MIN_REPO_SIZE_MB: '1000' } };

function lim(cpu: string, memory: string, ephemeral?: string): PresetLimits {
  return ephemeral ? { cpu, memory, 'ephemeral-storage': ephemeral } : { cpu, memory };
}

/** The sizes, as published (v7.2.1943). */
export const SIZE_PRESETS: Readonly<Record<SourcegraphSize, SizePreset>> = {
  XS: {
    limits: {
      'sourcegraph-frontend/frontend': lim('4', '8G', '8Gi'),
      'gitserver/gitserver': lim('4', '8G'),
      'indexed-search/zoekt-webserver': lim('8', '16G'),
      'indexed-search/zoekt-indexserver': lim('8', '8G'),
      'searcher/searcher': lim('2', '2G'),
      'syntect-server/syntect-server': lim('4', '6G'),
      'worker/worker': lim('4', '4G'),
      'precise-code-intel-worker/precise-code-intel-worker': lim('2', '4G'),
      'pgsql/pgsql': lim('4', '4G'),
      'codeintel-db/pgsql': lim('4', '4G'),
      'codeinsights-db/codeinsights': lim('4', '4G'),
      'redis-cache/redis-cache': lim('1', '3Gi'),
      'redis-store/redis-store': lim('1', '3Gi'),
      'blobstore/blobstore': lim('1', '500M'),
    },
    replicas: { 'sourcegraph-frontend': 2, gitserver: 1, 'indexed-search': 1, searcher: 1, 'syntect-server': 1, worker: 1, 'precise-code-intel-worker': 1 },
    env: ROCKSKIP,
  },
  S: {
    limits: {
      'sourcegraph-frontend/frontend': lim('4', '8G', '8Gi'),
      'gitserver/gitserver': lim('6', '26G'),
      'indexed-search/zoekt-webserver': lim('6', '24G'),
      'indexed-search/zoekt-indexserver': lim('6', '16G'),
      'searcher/searcher': lim('6', '12G'),
      'syntect-server/syntect-server': lim('4', '6G'),
      'worker/worker': lim('4', '4G'),
      'precise-code-intel-worker/precise-code-intel-worker': lim('2', '50G'),
      'pgsql/pgsql': lim('4', '6G'),
      'codeintel-db/pgsql': lim('4', '4G'),
      'codeinsights-db/codeinsights': lim('4', '2G'),
      'redis-cache/redis-cache': lim('1', '2Gi'),
      'redis-store/redis-store': lim('1', '4Gi'),
      'blobstore/blobstore': lim('2', '2Gi'),
    },
    replicas: { 'sourcegraph-frontend': 2, gitserver: 1, 'indexed-search': 1, searcher: 1, 'syntect-server': 1, worker: 1, 'precise-code-intel-worker': 1 },
    env: ROCKSKIP,
  },
  M: {
    limits: {
      'sourcegraph-frontend/frontend': lim('4', '8G', '8Gi'),
      'gitserver/gitserver': lim('6', '26G'),
      'indexed-search/zoekt-webserver': lim('6', '12G'),
      'indexed-search/zoekt-indexserver': lim('4', '12G'),
      'searcher/searcher': lim('5', '12G'),
      'syntect-server/syntect-server': lim('4', '6G'),
      'worker/worker': lim('4', '4G'),
      'precise-code-intel-worker/precise-code-intel-worker': lim('2', '50G'),
      'pgsql/pgsql': lim('4', '6G'),
      'codeintel-db/pgsql': lim('4', '4G'),
      'codeinsights-db/codeinsights': lim('4', '2G'),
      'redis-cache/redis-cache': lim('1', '5Gi'),
      'redis-store/redis-store': lim('1', '5Gi'),
      'blobstore/blobstore': lim('2', '2Gi'),
    },
    replicas: { 'sourcegraph-frontend': 2, gitserver: 1, 'indexed-search': 1, searcher: 1, 'syntect-server': 1, worker: 1, 'precise-code-intel-worker': 1 },
    env: ROCKSKIP,
  },
  L: {
    limits: {
      'sourcegraph-frontend/frontend': lim('6', '6G', '8Gi'),
      'gitserver/gitserver': lim('8', '26G'),
      'indexed-search/zoekt-webserver': lim('8', '16G'),
      'indexed-search/zoekt-indexserver': lim('4', '16G'),
      'searcher/searcher': lim('4', '4G'),
      'syntect-server/syntect-server': lim('4', '6G'),
      'worker/worker': lim('4', '4G'),
      'precise-code-intel-worker/precise-code-intel-worker': lim('2', '50G'),
      'pgsql/pgsql': lim('4', '6G'),
      'codeintel-db/pgsql': lim('4', '4G'),
      'codeinsights-db/codeinsights': lim('4', '2G'),
      'redis-cache/redis-cache': lim('1', '5Gi'),
      'redis-store/redis-store': lim('1', '6Gi'),
      'blobstore/blobstore': lim('2', '2Gi'),
    },
    replicas: { 'sourcegraph-frontend': 2, gitserver: 1, 'indexed-search': 2, searcher: 1, 'syntect-server': 1, worker: 1, 'precise-code-intel-worker': 1 },
    env: ROCKSKIP,
  },
  XL: {
    limits: {
      'sourcegraph-frontend/frontend': lim('9', '24G', '12Gi'),
      'gitserver/gitserver': lim('12', '20G'),
      'indexed-search/zoekt-webserver': lim('12', '16G'),
      'indexed-search/zoekt-indexserver': lim('5', '10G'),
      'searcher/searcher': lim('10', '16G'),
      'syntect-server/syntect-server': lim('4', '6G'),
      'worker/worker': lim('4', '4G'),
      'precise-code-intel-worker/precise-code-intel-worker': lim('2', '50G'),
      'pgsql/pgsql': lim('8', '32G'),
      'codeintel-db/pgsql': lim('4', '4G'),
      'codeinsights-db/codeinsights': lim('4', '2G'),
      'redis-cache/redis-cache': lim('1', '5Gi'),
      'redis-store/redis-store': lim('1', '8Gi'),
      'blobstore/blobstore': lim('2', '2Gi'),
    },
    replicas: { 'sourcegraph-frontend': 2, gitserver: 2, 'indexed-search': 3, searcher: 2, 'syntect-server': 1, worker: 1, 'precise-code-intel-worker': 1 },
    env: ROCKSKIP,
  },
};

/** Chart structures the mapping above was made for (lib/catalog/chart-versions.ts; symbols and repo-updater are gone since 6.4). */
export const SIZE_PRESET_STRUCTURES: readonly ChartStructure[] = ['since-6.4'];

/** The deploy-sourcegraph-k8s tag the sizes were taken from. */
export const SIZE_PRESET_SOURCE = 'sourcegraph/deploy-sourcegraph-k8s v7.2.1943 components/sizes';
