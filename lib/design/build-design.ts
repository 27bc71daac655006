/**
 * Turns a shape-checked design document into the typed `Design`, applying
 * every default. Tolerant of fields that failed shape validation (they get
 * placeholders), so that cross-field rules can still run on the rest and a
 * user sees all problems at once.
 */
import * as path from 'path';
import { CLOUDS, isCloudProvider } from '../cloud/clouds';
import { isValuesMap } from '../helm/merge-values';
import {
  Cloud,
  Design,
  DesignSource,
  DiskType,
  ExternalServices,
  IngressKind,
  NodePool,
  OverrideFile,
  SourcegraphSize,
  StateBackend,
  StateBackendKind,
  Taint,
} from './model';
import { buildFrontendTls } from './frontend-tls';
import { NODE_POOL_DEFAULTS } from './node-pool-input';

type Raw = Record<string, unknown>;

const asMap = (v: unknown): Raw => (isValuesMap(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);

/** `72h` -> 72, `3d` -> 72; NaN when malformed. */
export function parseDurationHours(text: string): number {
  const m = /^([1-9][0-9]*)([hd])$/.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1);
}

/** Zones of a region in catalog order, or [] when the region is unknown. */
export function defaultZones(provider: string, region: string): readonly string[] {
  return isCloudProvider(provider) ? (CLOUDS[provider].regions.zones(region) ?? []) : [];
}

function buildState(state: Raw): StateBackend {
  const backend = (['s3', 'gcs'].includes(str(state.backend)) ? str(state.backend) : 'local') as StateBackendKind;
  if (backend === 'local') return { backend };
  return {
    backend,
    ...(typeof state.bucket === 'string' && { bucket: state.bucket }),
    ...(typeof state.region === 'string' && { region: state.region }),
    ...(backend === 's3' && { lock: str(state.lock) === 'dynamodb' ? 'dynamodb' : 's3' }),
    ...(typeof state.dynamodbTable === 'string' && { dynamodbTable: state.dynamodbTable }),
    prefix: str(state.prefix, 'sg-replica'),
  };
}

export function buildDesign(raw: Raw, source: DesignSource, overrides: readonly OverrideFile[]): Design {
  const cloudRaw = asMap(raw.cloud);
  // An unknown provider failed shape validation; the rules then run as for aws.
  const provider = isCloudProvider(cloudRaw.provider) ? cloudRaw.provider : 'aws';
  const region = str(cloudRaw.region);
  const sandbox = CLOUDS[provider].sandbox.field;
  const cloud = { provider, region, [sandbox]: str(cloudRaw[sandbox]) } as unknown as Cloud;

  const net = asMap(raw.network);
  const explicitZones = asList(net.availabilityZones).filter((z): z is string => typeof z === 'string');
  const zones = int(net.zones, explicitZones.length || 3);
  const availabilityZones = explicitZones.length ? explicitZones : defaultZones(provider, region).slice(0, zones);

  const k8s = asMap(raw.kubernetes);
  const nodePools: NodePool[] = asList(k8s.nodePools).map((p) => {
    const pool = asMap(p);
    const taints: Taint[] = asList(pool.taints).map((t) => {
      const taint = asMap(t);
      return { key: str(taint.key), value: str(taint.value), effect: str(taint.effect, 'NoSchedule') as Taint['effect'] };
    });
    const labels = Object.fromEntries(Object.entries(asMap(pool.labels)).map(([k, v]) => [k, str(v)]));
    return {
      name: str(pool.name),
      machineType: str(pool.machineType),
      minNodes: int(pool.minNodes, NaN),
      maxNodes: int(pool.maxNodes, NaN),
      diskGb: int(pool.diskGb, NODE_POOL_DEFAULTS.diskGb),
      spot: bool(pool.spot, NODE_POOL_DEFAULTS.spot),
      labels,
      taints,
    };
  });

  const storage = asMap(raw.storage);
  const sg = asMap(raw.sourcegraph);
  const ext = asMap(raw.externalServices);
  const externalServices: ExternalServices = {
    ...(ext.postgres !== undefined && {
      postgres: {
        instanceClass: str(asMap(ext.postgres).instanceClass),
        storageGb: int(asMap(ext.postgres).storageGb, 100),
        highAvailability: bool(asMap(ext.postgres).highAvailability, false),
      },
    }),
    ...(ext.redis !== undefined && {
      redis: {
        ...(typeof asMap(ext.redis).nodeType === 'string' && { nodeType: str(asMap(ext.redis).nodeType) }),
        ...(typeof asMap(ext.redis).memoryGb === 'number' && { memoryGb: int(asMap(ext.redis).memoryGb, 1) }),
      },
    }),
    ...(ext.objectStorage !== undefined && { objectStorage: {} }),
  };

  const tls = buildFrontendTls(sg, str(sg.ingress, 'none') as IngressKind);
  const expiresAfter = str(raw.expiresAfter, '72h');
  return {
    name: str(raw.name),
    customer: str(raw.customer),
    owner: str(raw.owner),
    expiresAfter,
    expiresAfterHours: parseDurationHours(expiresAfter),
    cloud,
    network: {
      cidr: str(net.cidr, '10.0.0.0/16'),
      zones,
      availabilityZones,
      endpointAccess: str(net.endpointAccess) === 'private' ? 'private' : 'public',
      allowedCidrs: asList(net.allowedCidrs).map((c) => str(c)),
      natGateways: str(net.natGateways) === 'per-zone' ? 'per-zone' : 'single',
    },
    kubernetes: {
      version: str(k8s.version),
      nodePools,
      admins: asList(k8s.admins).map((a) => str(a)),
    },
    storage: {
      diskType: str(storage.diskType, CLOUDS[provider].defaultDiskType) as DiskType,
      encrypted: bool(storage.encrypted, true),
    },
    sourcegraph: {
      method: str(sg.method) === 'kustomize' ? 'kustomize' : 'helm',
      version: str(sg.version),
      ...(typeof sg.overlay === 'string' && { overlay: { path: sg.overlay, resolvedPath: path.resolve(source.baseDir, sg.overlay) } }),
      size: str(sg.size, 'S') as SourcegraphSize,
      namespace: str(sg.namespace, 'sourcegraph'),
      hostname: str(sg.hostname),
      ingress: str(sg.ingress, 'none') as IngressKind,
      allowedClientCidrs: Array.isArray(sg.allowedClientCidrs)
        ? sg.allowedClientCidrs.map((c) => str(c))
        : asList(net.allowedCidrs).map((c) => str(c)),
      tls,
      ...(tls.certificate === 'acm' && { tlsCertificateArn: tls.arn }),
      overrides,
      values: asMap(sg.values),
      ...(sg.codebase !== undefined && {
        codebase: {
          repositories: int(asMap(sg.codebase).repositories, 1),
          totalSizeGb: int(asMap(sg.codebase).totalSizeGb, 1),
          largestRepoGb: int(asMap(sg.codebase).largestRepoGb, 1),
        },
      }),
    },
    externalServices,
    state: buildState(asMap(raw.state)),
    waivers: asList(raw.waivers).map((w) => ({ rule: str(asMap(w).rule), reason: str(asMap(w).reason) })),
    source,
  };
}
